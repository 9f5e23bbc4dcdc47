// The sim rig: everything a pile agent on the `sim` profile talks to, over real pty pairs — one
// virtual CAN bus per connector (port 0 for the agent, port 1 for the bus's BMS simulator), the
// Modbus meters on one RS-485 line, a PN532 reader, the console line and the screen (framebuffer
// file, touch pty). Energy flows in the meter sim while the plugged BMS charges. `agentConfig()` gives
// the config (device overrides included) that points the agent at it, in-process or as a process.
// On a hardware-in-the-loop bench (`ports`) the same simulators run on real serial ports instead —
// the BMS on each connector's USB-CAN SLCAN adapter, the meters on the RS-485 adapter, the PN532 on
// the reader cable — wired to a controller whose console the bench drives (hil/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, type LoadedProfile } from '../../../hw-profiles/index.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { SerialPortLine, SlcanCanChannel } from '../../../pile-agent/drivers.js';
import type { AgentConfigInput } from '../../../pile-agent/index.js';
import type { Clock, Logger } from '../../../pile-agent/ports.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { GbtBmsSim, type BmsSimConfig } from '../sims/bms/gbt-bms.sim.js';
import { Pn532Sim } from '../sims/card-reader/pn532.sim.js';
import { ModbusMeterSim } from '../sims/meter/modbus-meter.sim.js';
import { ModbusRtuSimServer } from '../sims/meter/rtu-server.sim.js';
import { VirtualCanBus } from '../transports/virtual-bus.js';

export interface SimRigOptions {
  /** The pile this rig stands in for: its agent config's `pileId` (default SIM-PILE-1). */
  readonly pileId?: string;
  /** The charger profile the rig simulates (default `sim`): SLCAN CAN per connector, Modbus RTU meters on its first RS-485 line, a PN532 reader. */
  readonly profile?: string;
  /** Meter readings at start, Wh (default 1 000 000 + 100 000 × connector id). */
  readonly startEnergyWh?: (connectorId: number) => number;
  /** Power the meter measures while the BMS charges (default 60 kW ≈ 16.7 Wh/s). */
  readonly chargingPowerW?: number;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Real serial ports instead of pty pairs (a hardware-in-the-loop bench); no console, screen or virtual buses then. */
  readonly ports?: RigPorts;
}

/** The bench's own ends of the wiring to a real controller (bench-profile.ts). */
export interface RigPorts {
  /** Connector → the SLCAN adapter on that connector's CAN. */
  readonly can: ReadonlyMap<number, string>;
  readonly canBitrate: number;
  readonly meters: { readonly path: string; readonly baud: number };
  readonly reader?: { readonly path: string; readonly baud: number };
}

/** Where the simulators' lines are: per connector the BMS's CAN port, the meter line, the reader line, the console. */
interface Endpoints {
  readonly bms: ReadonlyMap<number, string>;
  readonly bitrate: number;
  readonly meterPath: string;
  readonly readerPath: string | null;
  /** The agent's ends, for the device overrides (pty pairs only). */
  readonly agent: { readonly meters: string; readonly reader: string; readonly console: PtyPair; readonly can: ReadonlyMap<number, string> } | null;
}

interface Plugged {
  readonly sim: GbtBmsSim;
  readonly can: SlcanCanChannel;
  readonly off: () => void;
}

const AGENT_PORT = 0;
const BMS_PORT = 1;

export class SimRig {
  private readonly plugged = new Map<number, Plugged>();

  private constructor(
    readonly profile: LoadedProfile,
    private readonly wiring: Endpoints,
    readonly meters: ReadonlyMap<number, ModbusMeterSim>,
    private readonly reader: Pn532Sim | null,
    private readonly screen: { readonly dir: string; readonly framebuffer: string; readonly touch: PtyPair } | null,
    private readonly started: Array<{ close(): Promise<void> }>,
    private readonly o: Required<Pick<SimRigOptions, 'chargingPowerW' | 'pileId'>> & { logger: Logger; clock: Clock },
  ) {}

  /** Starts every simulator of the `sim` profile on fresh pty pairs; rejects (cleaning up) on failure. */
  static async start(opts: SimRigOptions = {}): Promise<SimRig> {
    const logger = opts.logger ?? nullLogger;
    const clock = opts.clock ?? systemClock;
    const profile = loadProfile(opts.profile ?? 'sim');
    const started: Array<{ close(): Promise<void> }> = [];
    try {
      const ends = opts.ports ? benchEnds(opts.ports) : await ptyEnds(profile, { clock, logger }, started);
      const meters = new Map<number, ModbusMeterSim>();
      const byUnit = new Map<number, ModbusMeterSim>();
      for (const c of profile.connectors) {
        if (!('bus' in c.meter)) continue;
        const sim = new ModbusMeterSim({ map: profile.meterMaps[c.meter.map], clock, initial: { energyWh: opts.startEnergyWh?.(c.id) ?? 1_000_000 + 100_000 * c.id, voltageMv: 600_000 } });
        meters.set(c.id, sim);
        byUnit.set(c.meter.address, sim);
      }
      const baud = opts.ports?.meters.baud ?? profile.rs485[0].baud;
      const meterServer = new ModbusRtuSimServer({ line: new SerialPortLine({ path: ends.meterPath, baudRate: baud }), clock, meters: byUnit, baud });
      await meterServer.start();
      started.push({ close: () => meterServer.stop() });
      let reader: Pn532Sim | null = null;
      if (ends.readerPath) {
        const sim = new Pn532Sim(new SerialPortLine({ path: ends.readerPath, baudRate: opts.ports?.reader?.baud ?? 115200 }));
        await sim.start();
        started.push({ close: () => sim.stop() });
        reader = sim;
      }
      let screen: { dir: string; framebuffer: string; touch: PtyPair } | null = null;
      if (profile.screen && !opts.ports) {
        // A framebuffer is a regular file of width × height pixels; touch events go through a pty.
        const dir = mkdtempSync(join(tmpdir(), 'pilegate-rig-screen-'));
        const framebuffer = join(dir, 'fb0');
        const bytes = profile.screen.pixelFormat === 'RGB565' ? 2 : 4;
        writeFileSync(framebuffer, Buffer.alloc(profile.screen.width * profile.screen.height * bytes));
        const touch = await openPtyPair();
        started.push(touch, { close: async () => rmSync(dir, { recursive: true, force: true }) });
        screen = { dir, framebuffer, touch };
      }
      return new SimRig(profile, ends, meters, reader, screen, started, {
        chargingPowerW: opts.chargingPowerW ?? 60_000,
        pileId: opts.pileId ?? 'SIM-PILE-1',
        logger,
        clock,
      });
    } catch (e) {
      for (const s of started.reverse()) await s.close().catch(() => undefined);
      throw e;
    }
  }

  /** The pile this rig stands in for. */
  get pileId(): string {
    return this.o.pileId;
  }

  /** The device overrides that point the `sim` profile at this rig. */
  get devices(): Record<string, string> {
    const a = this.agentEnds();
    const out: Record<string, string> = { [`rs485.${this.profile.rs485[0].id}`]: a.meters, reader: a.reader, console: a.console.a };
    for (const [id, path] of a.can) out[`can.${id}`] = path;
    if (this.screen) {
      out['screen.framebuffer'] = this.screen.framebuffer;
      out['screen.touch'] = this.screen.touch.a;
    }
    return out;
  }

  /** The technician's end of the console line (e.g. for the bench console client). */
  get consolePath(): string {
    return this.agentEnds().console.b;
  }

  /** The screen's framebuffer file (what the agent draws) and the bench end of the touch device (write evdev events). */
  get screenPaths(): { readonly framebuffer: string; readonly touch: string } | null {
    return this.screen ? { framebuffer: this.screen.framebuffer, touch: this.screen.touch.b } : null;
  }

  /** An agent config for this rig (merge your own options over it). */
  agentConfig(o: { readonly dataDir: string } & Partial<AgentConfigInput>): AgentConfigInput {
    return { pileId: this.o.pileId, stationId: 1, profile: this.profile.id, ...o, devices: { ...this.devices, ...o.devices } };
  }

  /** Writes agentConfig(o) as JSON (readable as YAML too) and returns the file. */
  writeConfig(file: string, o: { readonly dataDir: string } & Partial<AgentConfigInput>): string {
    writeFileSync(file, `${JSON.stringify(this.agentConfig(o), null, 2)}\n`);
    return file;
  }

  /** A bus arrives at a connector: a BMS simulator on that connector's bus, powered on, waiting for CHM. */
  async plug(connectorId: number, config: BmsSimConfig): Promise<GbtBmsSim> {
    await this.unplug(connectorId);
    const path = this.wiring.bms.get(connectorId);
    if (!path) throw new RangeError(`the ${this.profile.id} profile has no connector ${connectorId}`);
    const can = new SlcanCanChannel({ line: new SerialPortLine({ path, baudRate: 115200 }), bitrate: this.wiring.bitrate, logger: this.o.logger, clock: this.o.clock });
    await can.open();
    const sim = new GbtBmsSim({ can, clock: this.o.clock, logger: this.o.logger, config });
    const meter = this.meters.get(connectorId);
    const off = sim.onPhase((phase) => {
      const on = phase === 'charging';
      meter?.set({ powerW: on ? this.o.chargingPowerW : 0, currentMa: on ? Math.round((this.o.chargingPowerW / 600) * 1000) : 0 });
    });
    sim.start();
    this.plugged.set(connectorId, { sim, can, off });
    return sim;
  }

  /** The bus leaves: its BMS powers off, the meter stops measuring power. Idempotent. */
  async unplug(connectorId: number): Promise<void> {
    const p = this.plugged.get(connectorId);
    if (!p) return;
    this.plugged.delete(connectorId);
    p.off();
    p.sim.stop();
    this.meters.get(connectorId)?.set({ powerW: 0, currentMa: 0 });
    await p.can.close().catch(() => undefined);
  }

  bms(connectorId: number): GbtBmsSim | null {
    return this.plugged.get(connectorId)?.sim ?? null;
  }

  /** Puts a card (UID hex) on the reader; `removeCard` takes it away. */
  presentCard(uidHex: string): void {
    if (!this.reader) throw new Error('no card reader on this bench (the bench profile has no reader port)');
    this.reader.present(uidHex);
  }

  removeCard(): void {
    this.reader?.remove();
  }

  async close(): Promise<void> {
    for (const id of [...this.plugged.keys()]) await this.unplug(id);
    for (const s of this.started.splice(0).reverse()) await s.close().catch(() => undefined);
  }

  private agentEnds(): NonNullable<Endpoints['agent']> {
    if (!this.wiring.agent) throw new Error('a bench wired to a real controller has no agent-side device paths');
    return this.wiring.agent;
  }
}

function benchEnds(ports: RigPorts): Endpoints {
  return { bms: ports.can, bitrate: ports.canBitrate, meterPath: ports.meters.path, readerPath: ports.reader?.path ?? null, agent: null };
}

/** Virtual CAN buses (agent on port 0, BMS on port 1) and pty pairs for the meter line, the reader and the console. */
async function ptyEnds(profile: LoadedProfile, deps: { clock: Clock; logger: Logger }, started: Array<{ close(): Promise<void> }>): Promise<Endpoints> {
  const bms = new Map<number, string>();
  const can = new Map<number, string>();
  for (const c of profile.connectors) {
    const bus = await VirtualCanBus.start({ ports: 2, ...deps, iface: `vbus${c.id}` });
    started.push(bus);
    can.set(c.id, bus.paths[AGENT_PORT]);
    bms.set(c.id, bus.paths[BMS_PORT]);
  }
  const [meterPty, readerPty, consolePty] = [await openPtyPair(), await openPtyPair(), await openPtyPair()];
  started.push(meterPty, readerPty, consolePty);
  return { bms, bitrate: 250_000, meterPath: meterPty.b, readerPath: readerPty.b, agent: { meters: meterPty.a, reader: readerPty.a, console: consolePty, can } };
}
