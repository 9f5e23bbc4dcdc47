// The sim rig: everything a pile agent on the `sim` profile talks to, over real pty pairs — one
// virtual CAN bus per connector (port 0 for the agent, port 1 for the bus's BMS simulator), the
// Modbus meters on one RS-485 line, a PN532 reader, the console line and the screen (framebuffer
// file, touch pty). Energy flows in the meter sim while the plugged BMS charges. `agentConfig()` gives
// the config (device overrides included) that points the agent at it, in-process or as a process.
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
    readonly buses: ReadonlyMap<number, VirtualCanBus>,
    readonly meters: ReadonlyMap<number, ModbusMeterSim>,
    private readonly meterServer: ModbusRtuSimServer,
    private readonly meterPty: PtyPair,
    readonly reader: Pn532Sim,
    private readonly readerPty: PtyPair,
    private readonly consolePty: PtyPair,
    private readonly screen: { readonly dir: string; readonly framebuffer: string; readonly touch: PtyPair } | null,
    private readonly o: Required<Pick<SimRigOptions, 'chargingPowerW' | 'pileId'>> & { logger: Logger; clock: Clock },
  ) {}

  /** Starts every simulator of the `sim` profile on fresh pty pairs; rejects (cleaning up) on failure. */
  static async start(opts: SimRigOptions = {}): Promise<SimRig> {
    const logger = opts.logger ?? nullLogger;
    const clock = opts.clock ?? systemClock;
    const profile = loadProfile(opts.profile ?? 'sim');
    const started: Array<{ close(): Promise<void> }> = [];
    try {
      const buses = new Map<number, VirtualCanBus>();
      for (const c of profile.connectors) {
        const bus = await VirtualCanBus.start({ ports: 2, clock, logger, iface: `vbus${c.id}` });
        started.push(bus);
        buses.set(c.id, bus);
      }
      const meters = new Map<number, ModbusMeterSim>();
      const byUnit = new Map<number, ModbusMeterSim>();
      for (const c of profile.connectors) {
        if (!('bus' in c.meter)) continue;
        const sim = new ModbusMeterSim({ map: profile.meterMaps[c.meter.map], clock, initial: { energyWh: opts.startEnergyWh?.(c.id) ?? 1_000_000 + 100_000 * c.id, voltageMv: 600_000 } });
        meters.set(c.id, sim);
        byUnit.set(c.meter.address, sim);
      }
      const meterPty = await openPtyPair();
      started.push(meterPty);
      const bus = profile.rs485[0];
      const meterServer = new ModbusRtuSimServer({ line: new SerialPortLine({ path: meterPty.b, baudRate: bus.baud }), clock, meters: byUnit, baud: bus.baud });
      await meterServer.start();
      started.push({ close: () => meterServer.stop() });
      const readerPty = await openPtyPair();
      started.push(readerPty);
      const reader = new Pn532Sim(new SerialPortLine({ path: readerPty.b, baudRate: 115200 }));
      await reader.start();
      const consolePty = await openPtyPair();
      started.push(consolePty);
      let screen: { dir: string; framebuffer: string; touch: PtyPair } | null = null;
      if (profile.screen) {
        // A framebuffer is a regular file of width × height pixels; touch events go through a pty.
        const dir = mkdtempSync(join(tmpdir(), 'pilegate-rig-screen-'));
        const framebuffer = join(dir, 'fb0');
        const bytes = profile.screen.pixelFormat === 'RGB565' ? 2 : 4;
        writeFileSync(framebuffer, Buffer.alloc(profile.screen.width * profile.screen.height * bytes));
        const touch = await openPtyPair();
        started.push(touch, { close: async () => rmSync(dir, { recursive: true, force: true }) });
        screen = { dir, framebuffer, touch };
      }
      return new SimRig(profile, buses, meters, meterServer, meterPty, reader, readerPty, consolePty, screen, {
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
    const out: Record<string, string> = { [`rs485.${this.profile.rs485[0].id}`]: this.meterPty.a, reader: this.readerPty.a, console: this.consolePty.a };
    for (const [id, bus] of this.buses) out[`can.${id}`] = bus.paths[AGENT_PORT];
    if (this.screen) {
      out['screen.framebuffer'] = this.screen.framebuffer;
      out['screen.touch'] = this.screen.touch.a;
    }
    return out;
  }

  /** The technician's end of the console line (e.g. for the bench console client). */
  get consolePath(): string {
    return this.consolePty.b;
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
    const bus = this.bus(connectorId);
    const can = new SlcanCanChannel({ line: new SerialPortLine({ path: bus.paths[BMS_PORT], baudRate: 115200 }), bitrate: 250_000, logger: this.o.logger, clock: this.o.clock });
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
    this.reader.present(uidHex);
  }

  removeCard(): void {
    this.reader.remove();
  }

  async close(): Promise<void> {
    for (const id of [...this.plugged.keys()]) await this.unplug(id);
    await this.reader.stop().catch(() => undefined);
    await this.readerPty.close();
    await this.consolePty.close();
    if (this.screen) {
      await this.screen.touch.close();
      rmSync(this.screen.dir, { recursive: true, force: true });
    }
    await this.meterServer.stop().catch(() => undefined);
    await this.meterPty.close();
    for (const bus of this.buses.values()) await bus.close();
  }

  private bus(connectorId: number): VirtualCanBus {
    const bus = this.buses.get(connectorId);
    if (!bus) throw new RangeError(`the sim profile has no connector ${connectorId}`);
    return bus;
  }
}
