// The composition root (house rules R3/R4): builds the agent from a loaded charger profile and a
// validated config. The only file that calls driver constructors — through `realDrivers`, which
// tests and benches may replace piece by piece with simulator factories. Reads as a list of wiring
// steps: storage (+ recovery) → faults → meters → connectors → card reader → faces → screen → lifecycle.
import type { LoadedProfile } from '../../../hw-profiles/index.js';
import { CredentialDecider } from '../domain/session/credential-decider.js';
import type { ConnectorSession } from '../domain/session/session.service.js';
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
import type { BmsLink } from '../ports/bms-link.port.js';
import type { CanChannel } from '../ports/can-channel.port.js';
import type { CardReader } from '../ports/card-reader.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EnergyMeter } from '../ports/energy-meter.port.js';
import type { FaultSink } from '../ports/fault-sink.port.js';
import type { SerialLine, SerialLineOptions } from '../ports/serial-line.port.js';
import { AgentError, AgentErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { AgentConfig } from './config.schema.js';
import { wireConnector, type WiredConnector } from './connector.wiring.js';
import { FaultRegistry } from './fault-registry.js';
import { agentFaces, type AgentCommands, type AgentIntrospection } from './introspection.js';
import { Lifecycle, type AgentHealth, type Component } from './lifecycle.js';
import { applyWhitelistFile, openStorage, recoverSessions, type Storage } from './storage.wiring.js';
import { wireConsole } from './console.wiring.js';
import { wireScreen, type ScreenDrivers } from './screen.wiring.js';
import { wireSync } from './sync.wiring.js';
import { MqttCloudLink, type MqttCloudLinkDeps } from '../drivers/cloud/mqtt-cloud-link.driver.js';
import type { CloudLink } from '../ports/cloud-link.port.js';

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
    return new Pn532CardReader({ line, clock: deps.clock, faults: deps.faults, logger: deps.logger.child({ ns: 'agent:drivers:pn532' }), config: { ...defaultPn532Config, cardNumberFormat: r.cardNumber } });
  },
  screen: {
    newRenderer: (size) => CanvasRenderer.create(size),
    openFramebuffer: (deps) => FramebufferDisplay.open(deps),
    openTouch: (deps) => EvdevTouchInput.open(deps),
    listenSocket: (deps) => SocketDisplay.listen(deps),
  },
  openCloudLink: (deps) => new MqttCloudLink(deps),
};

export interface ComposeOptions {
  readonly config: AgentConfig;
  /** Loaded with the config's device overrides already applied. */
  readonly profile: Profile;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Replace any driver factory (simulators, fakes); the rest stay real. */
  readonly drivers?: Partial<DriverFactories>;
}

export interface Agent {
  readonly introspection: AgentIntrospection;
  readonly commands: AgentCommands;
  /** What recovery closed at start (empty until start()). */
  readonly recovered: readonly { readonly sessionId: string; readonly connectorId: number; readonly meterStopWh: number }[];
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): AgentHealth;
}

export function composeAgent(opts: ComposeOptions): Agent {
  const { config, profile, clock } = opts;
  const logger = opts.logger;
  const drivers: DriverFactories = { ...realDrivers, ...opts.drivers };
  const recovered: Agent['recovered'][number][] = [];

  // 1. Storage: database, repositories, whitelist seed, power-loss recovery — before any connector.
  const storage: Storage = openStorage(config.dataDir, logger);
  const storageStep: Component = {
    name: 'storage',
    start: () => {
      if (config.whitelistSeedFile) logger.info({ result: applyWhitelistFile(storage, config.whitelistSeedFile, logger, { onlyIfNewer: true }) }, 'whitelist seed');
      recovered.push(...recoverSessions(storage, logger).closed);
    },
    stop: () => storage.close(),
  };

  // 2. Faults and the decision (online: the cloud link's state, sync.wiring.ts).
  const faults = new FaultRegistry({ clock, logger: logger.child({ ns: 'agent:app:faults' }) });
  let online = (): boolean => false;
  const decider = new CredentialDecider({ whitelist: storage.whitelist, policy: () => ({ online: online(), vinChargeEnabled: profile.features.vinCharge }) });

  // 3. Meters (one bus hub per RS-485 line), then 4. connectors, built once the meters are open.
  const sessions = new Map<number, ConnectorSession>();
  const links = new Map<number, BmsLink>();
  const connectorSteps: Component[] = [];
  let meters: Awaited<ReturnType<DriverFactories['openMeters']>> | null = null;
  const metersStep: Component = {
    name: 'meters',
    start: async () => {
      meters = await drivers.openMeters(profile, { openLine: drivers.openLine, clock, logger, faults });
      for (const c of profile.connectors) {
        const wired: WiredConnector = wireConnector(c, meters.meters.get(c.id)!, { config, drivers, storage, decider, faults, clock, logger });
        sessions.set(c.id, wired.session);
        links.set(c.id, wired.link);
        connectorSteps.push(...wired.components);
      }
    },
    stop: async () => {
      await meters?.close();
    },
  };
  const connectorsStep: Component = {
    name: 'connectors',
    start: async () => {
      for (const c of connectorSteps) await c.start();
    },
    stop: async () => {
      for (const c of [...connectorSteps].reverse()) await c.stop();
    },
  };

  // 5. Card reader: one per pile, cards routed to a connector (card-routing.ts).
  const reader = drivers.newCardReader(profile, { openLine: drivers.openLine, clock, logger, faults });
  const faces = agentFaces({ sessions, links, storage, faults, reader, config, decider, logger });
  let offCard: (() => void) | null = null;
  const readerStep: Component = {
    name: 'card-reader',
    start: async () => {
      if (!reader) return;
      offCard = reader.onCard((card) => faces.commands.presentCard(card.cardNo));
      try {
        await reader.start();
      } catch (e) {
        // Without its reader the pile still charges by VIN button and password: a fault, not a stop.
        logger.error({ err: e }, 'card reader cannot be opened');
        faults.raise('reader.offline', 'pn532', (e as Error).message);
      }
    },
    stop: async () => {
      offCard?.();
      await reader?.stop();
    },
  };

  // Cloud sync over MQTT when cloud.url is set (sync.wiring.ts).
  const sync = wireSync({ config, storage, clock, logger, sessions, commands: faces.commands, openCloudLink: drivers.openCloudLink });
  online = sync.online;
  if (sync.service) faces.introspection.sync = sync.service;

  const consoleStep = wireConsole({ profile, config, clock, logger, introspection: faces.introspection, faults, meter: (id) => meters?.meters.get(id), health: () => lifecycle.health(), openLine: drivers.openLine });

  // 6. Screen: the selected connector's view on framebuffer / driver socket; presses → commands (screen.wiring.ts).
  const screenStep = wireScreen({ profile, config, clock, logger, faults, ...faces, online: () => online(), onOnlineChange: sync.onOnlineChange, drivers: drivers.screen });

  // 7. Lifecycle: start in this order, stop in reverse.
  const lifecycle = new Lifecycle([storageStep, metersStep, connectorsStep, sync.component, readerStep, screenStep, consoleStep], logger.child({ ns: 'agent:app:lifecycle' }));
  return {
    ...faces,
    recovered,
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    health: () => lifecycle.health(),
  };
}
