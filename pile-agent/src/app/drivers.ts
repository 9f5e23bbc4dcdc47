// The agent's hardware, by factory: every driver constructor the agent calls lives here, in
// `realDrivers`; the composition root (compose.ts) takes them, and tests and benches replace any of
// them with simulators (`ComposeOptions.drivers`). Its own module so the wiring steps can name the
// factories' type without importing the composition root.
import type { LoadedProfile } from '../../../hw-profiles/index.js';
import { GbtChargerLink, type GbtChargerLinkDeps } from '../drivers/bms/gbt-charger-link.driver.js';
import { CandumpReplayChannel } from '../drivers/can/candump-file.driver.js';
import { SlcanCanChannel } from '../drivers/can/slcan.driver.js';
import { importSocketcanPackage, SocketCanChannel } from '../drivers/can/socketcan.driver.js';
import { defaultPn532Config, Pn532CardReader } from '../drivers/card-reader/pn532.driver.js';
import { createProfileMeters, type ProfileMetersDeps } from '../drivers/meter/profile-meters.js';
import { SerialPortLine } from '../drivers/serial/serialport-line.driver.js';
import { CanvasRenderer } from '../drivers/display/canvas-renderer.js';
import { FramebufferDisplay } from '../drivers/display/framebuffer.driver.js';
import { SocketDisplay } from '../drivers/display/socket-display.driver.js';
import { EvdevTouchInput } from '../drivers/touch/evdev-touch.driver.js';
import { MqttCloudLink, type MqttCloudLinkDeps } from '../drivers/cloud/mqtt-cloud-link.driver.js';
import { BenchPowerStageSim } from '../drivers/power-stage/bench-power-stage.sim.js';
import type { BmsLink } from '../ports/bms-link.port.js';
import type { CanChannel } from '../ports/can-channel.port.js';
import type { CardReader } from '../ports/card-reader.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EnergyMeter } from '../ports/energy-meter.port.js';
import type { FaultSink } from '../ports/fault-sink.port.js';
import type { SerialLine, SerialLineOptions } from '../ports/serial-line.port.js';
import type { CloudLink } from '../ports/cloud-link.port.js';
import type { PowerStage } from '../ports/power-stage.port.js';
import { AgentError, AgentErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ScreenDrivers } from './screen.wiring.js';
import type { AgentConfig } from './config.schema.js';

type PowerStageConfig = AgentConfig['powerStage'];

type Profile = LoadedProfile;

/** Every hardware object the agent uses, by factory. `realDrivers` builds the real ones. */
export interface DriverFactories {
  readonly openLine: (options: SerialLineOptions) => SerialLine;
  readonly openCan: (can: Profile['connectors'][number]['can'], deps: { readonly clock: Clock; readonly logger: Logger }) => CanChannel;
  readonly newLink: (deps: GbtChargerLinkDeps) => BmsLink;
  readonly openMeters: (profile: Profile, deps: ProfileMetersDeps) => Promise<{ readonly meters: ReadonlyMap<number, EnergyMeter>; close(): Promise<void> }>;
  readonly newCardReader: (profile: Profile, deps: { readonly openLine: DriverFactories['openLine']; readonly clock: Clock; readonly logger: Logger; readonly faults: FaultSink }) => CardReader | null;
  readonly screen: ScreenDrivers;
  readonly openCloudLink: (deps: MqttCloudLinkDeps) => CloudLink;
  /** One connector's power stage (config `powerStage`; only the bench stand-in exists yet). */
  readonly newPowerStage: (config: PowerStageConfig, deps: { readonly clock: Clock; readonly connectorId: number }) => PowerStage;
}

export const realDrivers: DriverFactories = {
  openLine: (options) => new SerialPortLine(options),
  openCan: (can, deps) => {
    if (can.kind === 'slcan') return new SlcanCanChannel({ line: new SerialPortLine({ path: can.path, baudRate: can.baud }), bitrate: can.bitrate, ...deps });
    if (can.kind === 'socketcan') return new SocketCanChannel({ iface: can.iface, loadModule: importSocketcanPackage, ...deps });
    return new CandumpReplayChannel({ source: { path: can.file }, pacing: 'recorded', ...deps });
  },
  newLink: (deps) => new GbtChargerLink(deps),
  openMeters: (profile, deps) => createProfileMeters(profile, deps),
  newCardReader: (profile, deps) => {
    const r = profile.cardReader;
    if (!r) return null;
    if (r.protocol !== 'pn532-hsu' || r.transport.kind !== 'serial') {
      throw new AgentError(AgentErrorCode.ConfigInvalid, `no driver for card reader ${r.protocol} over ${r.transport.kind}`);
    }
    const line = deps.openLine({ path: r.transport.path, baudRate: r.transport.baud, parity: r.transport.parity, dataBits: r.transport.dataBits, stopBits: r.transport.stopBits });
    return new Pn532CardReader({
      line,
      clock: deps.clock,
      faults: deps.faults,
      logger: deps.logger.child({ ns: 'agent:drivers:pn532' }),
      config: { ...defaultPn532Config, cardNumberFormat: r.cardNumber },
    });
  },
  screen: {
    newRenderer: (size) => CanvasRenderer.create(size),
    openFramebuffer: (deps) => FramebufferDisplay.open(deps),
    openTouch: (deps) => EvdevTouchInput.open(deps),
    listenSocket: (deps) => SocketDisplay.listen(deps),
  },
  openCloudLink: (deps) => new MqttCloudLink(deps),
  newPowerStage: (config, deps) => new BenchPowerStageSim({ clock: deps.clock, insulationMs: config.insulationMs, prechargeMs: config.prechargeMs }),
};
