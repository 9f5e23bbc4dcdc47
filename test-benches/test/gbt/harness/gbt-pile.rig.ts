// One charging pile's CAN side over real serial links: a virtual CAN bus (socat pty pairs, SLCAN
// adapters), the agent's GB/T stack on port 0 (SlcanCanChannel → GbtChargerLink with a decision
// function and a simulated power stage) and port 1 for the bus's BMS — a GbtBmsSim in this process
// on its own SlcanCanChannel (`plugSim`), or any outside process given `bmsPath` (`npx bench bms`).
// The demo's acts and the end-to-end tests (test/gbt) share it; `close()` releases everything.
import { GbtChargerLink, SerialPortLine, SlcanCanChannel, gbtChargerLinkConfig } from '../../../../pile-agent/drivers.js';
import { nullLogger, systemClock } from '../../../../pile-agent/ports.js';
import type { BmsLinkEvents, Clock, Logger } from '../../../../pile-agent/ports.js';
import type { CandumpSink, GbtChargerLinkConfigInput, GbtChargerLinkDeps } from '../../../../pile-agent/drivers.js';
import { GbtBmsSim, type BmsSimConfig } from '../../../src/sims/bms/gbt-bms.sim.js';
import { VirtualCanBus } from '../../../src/transports/virtual-bus.js';
import { BusLog } from './bus-log.js';
import { PowerStageSim, type PowerStageOptions } from './power-stage.sim.js';
import { watchSession, type SessionWatch } from './link-transcript.js';

export interface GbtPileOptions {
  readonly decide: DecideFn;
  /** The link's configuration (charger number, timeouts shortened for tests…). */
  readonly link?: GbtChargerLinkConfigInput;
  readonly power?: PowerStageOptions;
  /** Logger of the agent side (link and channel). Default: none. */
  readonly logger?: Logger;
  /** Logger of the in-process BMS simulator. Default: none. */
  readonly simLogger?: Logger;
  /** Records the bus traffic as candump -L lines as well. */
  readonly candump?: CandumpSink;
  readonly bitrate?: number;
}

export type DecideFn = GbtChargerLinkDeps['decide'];

const AGENT_PORT = 0;
const BMS_PORT = 1;

export class GbtPileRig {
  private simChannel: SlcanCanChannel | null = null;
  private simInstance: GbtBmsSim | null = null;

  private constructor(
    readonly bus: VirtualCanBus,
    readonly busLog: BusLog,
    readonly agentCan: SlcanCanChannel,
    readonly link: GbtChargerLink,
    readonly power: PowerStageSim,
    readonly clock: Clock,
    private readonly o: GbtPileOptions,
  ) {}

  /** Brings up the bus and the agent's stack, on-bus and idle (no session yet). */
  static async start(o: GbtPileOptions): Promise<GbtPileRig> {
    const clock = systemClock;
    const logger = o.logger ?? nullLogger;
    const bus = await VirtualCanBus.start({ ports: 2, clock, logger, log: o.candump });
    const busLog = new BusLog(bus);
    const agentCan = new SlcanCanChannel({
      line: new SerialPortLine({ path: bus.paths[AGENT_PORT], baudRate: 115200 }),
      bitrate: o.bitrate ?? 250_000,
      logger,
      clock,
    });
    try {
      await agentCan.open();
    } catch (e) {
      await bus.close();
      throw e;
    }
    const link = new GbtChargerLink({ can: agentCan, clock, decide: o.decide, logger, config: gbtChargerLinkConfig(o.link ?? {}) });
    const power = new PowerStageSim(link, clock, o.power);
    return new GbtPileRig(bus, busLog, agentCan, link, power, clock, o);
  }

  /** The device an outside BMS (e.g. `npx bench bms --port …`) opens. */
  get bmsPath(): string {
    return this.bus.paths[BMS_PORT];
  }

  get sim(): GbtBmsSim {
    if (!this.simInstance) throw new Error('no BMS simulator plugged (plugSim first)');
    return this.simInstance;
  }

  /** Connects a simulated BMS in this process through its own SLCAN channel on port 1, powered on. */
  async plugSim(config: BmsSimConfig): Promise<GbtBmsSim> {
    await this.unplugSim();
    const can = new SlcanCanChannel({
      line: new SerialPortLine({ path: this.bmsPath, baudRate: 115200 }),
      bitrate: this.o.bitrate ?? 250_000,
      logger: this.o.simLogger ?? nullLogger,
      clock: this.clock,
    });
    await can.open();
    const sim = new GbtBmsSim({ can, clock: this.clock, logger: this.o.simLogger ?? nullLogger, config });
    sim.start();
    this.simChannel = can;
    this.simInstance = sim;
    return sim;
  }

  /** Powers the simulated BMS off and closes its channel (the bus leaves). Idempotent. */
  async unplugSim(): Promise<void> {
    this.simInstance?.stop();
    this.simInstance = null;
    const ch = this.simChannel;
    this.simChannel = null;
    await ch?.close();
  }

  /** Starts a session on the link (plug detected) and returns its watch, started before the first effect. */
  startSession(): SessionWatch & { readonly busMark: number } {
    const busMark = this.busLog.mark();
    const watch = watchSession(this.link, this.clock);
    this.link.start();
    return { ...watch, busMark };
  }

  /** Subscribes to one link event (for narration). */
  on<K extends keyof BmsLinkEvents>(event: K, fn: (p: BmsLinkEvents[K]) => void): () => void {
    return this.link.on(event, fn);
  }

  /** Releases the simulator, the link, the power stage, the agent's channel and the bus. Idempotent. */
  async close(): Promise<void> {
    await this.unplugSim().catch(() => undefined);
    this.power.close();
    this.link.close();
    this.busLog.detach();
    await this.agentCan.close().catch(() => undefined);
    await this.bus.close();
  }
}
