// The Enlyta DJSF2669D dual-circuit DC meter (hw-profiles/meters/enlyta-djsf2669d-ch1/-ch2) as the
// reference/dc-2gun-dual-meter profile wires it: the agent's profile meters (bus hub + Modbus driver)
// read both guns over a socat pty pair at the profile's 2400 baud, paced like a real wire, from the
// bench meter built from the same maps; and the bring-up CLIs do the same as two processes.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../../hw-profiles/index.js';
import { openPtyPair } from '../../../../pile-agent/testing.js';
import { createProfileMeters, SerialPortLine } from '../../../../pile-agent/drivers.js';
import { nullLogger, systemClock, type FaultSink } from '../../../../pile-agent/ports.js';
import { ModbusMeterSim } from './modbus-meter.sim.js';
import { ModbusRtuSimServer } from './rtu-server.sim.js';

const PROFILE = 'reference/dc-2gun-dual-meter';
const root = join(import.meta.dirname, '../../../..');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The profile's meters on one end of a pty pair, its bench meters (by bus address) on the other. */
async function bench() {
  const pty = await openPtyPair();
  cleanups.push(() => pty.close());
  const profile = loadProfile(PROFILE, { overrides: { 'rs485.meter': pty.a } });
  const bus = profile.rs485[0];
  const seen: string[] = [];
  const sims = new Map<number, ModbusMeterSim>();
  for (const c of profile.connectors) {
    if (!('bus' in c.meter)) throw new Error('expected RS-485 meters');
    const unit = c.meter.address;
    const record = (req: { functionCode: number; address: number; quantity: number }) =>
      void seen.push(`unit ${unit}: FC ${req.functionCode} 0x${req.address.toString(16).toUpperCase()}×${req.quantity}`);
    sims.set(unit, new ModbusMeterSim({ map: profile.meterMaps[c.meter.map], clock: systemClock, behaviors: [record] }));
  }
  const server = new ModbusRtuSimServer({ line: new SerialPortLine({ path: pty.b, baudRate: bus.baud }), clock: systemClock, meters: sims, baud: bus.baud, paceWire: true });
  await server.start();
  cleanups.push(() => server.stop());
  const faultLog: string[] = [];
  const faults: FaultSink = { raise: (c, s) => void faultLog.push(`raise ${c} ${s}`), clear: (c, s) => void faultLog.push(`clear ${c} ${s}`) };
  const pm = await createProfileMeters(profile, { openLine: (o) => new SerialPortLine(o), clock: systemClock, logger: nullLogger, faults });
  cleanups.push(() => pm.close());
  return { profile, sims, seen, meters: pm.meters, faultLog };
}

describe('Enlyta DJSF2669D dual-circuit meter over a pty pair (2400 baud, paced)', () => {
  it('the profile puts both circuits on one 2400-baud bus with a timeout that fits the meter', () => {
    const p = loadProfile(PROFILE);
    expect(p.rs485).toMatchObject([{ id: 'meter', baud: 2400, timeoutMs: 1000, interFrameGapMs: 20 }]);
    expect(p.connectors.map((c) => [c.id, c.meter.map, 'bus' in c.meter ? c.meter.address : 0])).toEqual([
      [1, 'enlyta-djsf2669d-ch1', 1],
      [2, 'enlyta-djsf2669d-ch2', 2],
    ]);
  });

  it('reads each gun from its own circuit, with the register reads the maps plan', async () => {
    const b = await bench();
    b.sims.get(1)!.set({ energyWh: 1_234_567, powerW: 150_288, voltageMv: 750_500, currentMa: 200_250 });
    b.sims.get(2)!.set({ energyWh: 98_765, powerW: -10_274, voltageMv: 652_300, currentMa: -15_750 });
    const r1 = await b.meters.get(1)!.read();
    const r2 = await b.meters.get(2)!.read();
    expect(r1).toMatchObject({ ok: true, value: { powerW: 150_288, voltageMv: 750_500, currentMa: 200_250 } });
    expect(r2).toMatchObject({ ok: true, value: { energyWh: 98_765, powerW: -10_274, voltageMv: 652_300, currentMa: -15_750 } });
    // circuit 1's energy keeps integrating 150 kW between set() and the read: never below what was set
    expect(r1.ok && r1.value.energyWh).toBeGreaterThanOrEqual(1_234_567);
    expect(b.seen).toEqual([
      'unit 1: FC 3 0x203C×10', // U1, (U2), I1, (I2), P1 — signed 32-bit, 4 decimals
      'unit 1: FC 3 0x9A0A×2', // forward total energy, float32 kWh
      'unit 2: FC 3 0x203E×10', // U2, (I1), I2, (P1), P2
      'unit 2: FC 3 0x9A0A×2',
    ]);
    expect(b.faultLog).toEqual([]);
  });

  it('reads the energy counter alone (one request) and loses only the silent circuit', async () => {
    const b = await bench();
    b.sims.get(1)!.set({ energyWh: 5_000_000 });
    b.sims.get(2)!.set({ energyWh: 7_000_000 });
    expect(await b.meters.get(2)!.readEnergyWh()).toMatchObject({ ok: true, value: 7_000_000 });
    expect(b.seen).toEqual(['unit 2: FC 3 0x9A0A×2']);
    b.sims.get(2)!.inject({ kind: 'silence' });
    const [r1, r2] = await Promise.all([b.meters.get(1)!.readEnergyWh(), b.meters.get(2)!.readEnergyWh()]);
    expect(r1).toMatchObject({ ok: true, value: 5_000_000 });
    expect(r2).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(b.faultLog).toEqual(['raise meter.comm-loss connector-2']);
  });
});

describe('bring-up CLIs on the dual-circuit profile', () => {
  it('bench meter-sim serves both circuits and pile-agent meter read decodes each with its map', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const sim = spawn(
      process.execPath,
      [join(root, 'bin/bench.js'), 'meter-sim', '--profile', PROFILE, '--port', pty.b, '--energy-wh', '4321000', '--voltage-mv', '701500', '--current-ma', '123400'],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(async () => {
      sim.kill('SIGTERM');
      if (sim.exitCode === null) await new Promise((r) => sim.once('exit', r));
    });
    const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('meter-sim not ready')), 20_000);
      createInterface({ input: sim.stdout! }).on('line', (l) => l.includes('"ready"') && (clearTimeout(t), resolve(JSON.parse(l))));
    });
    expect(ready).toMatchObject({ units: [1, 2], baud: 2400 });
    for (const [connector, map] of [
      ['1', 'enlyta-djsf2669d-ch1'],
      ['2', 'enlyta-djsf2669d-ch2'],
    ]) {
      const r = spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'meter', 'read', '--profile', PROFILE, '--connector', connector, '--port', pty.a], {
        cwd: root,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ connector: Number(connector), map, energyWh: 4_321_000, voltageMv: 701_500, currentMa: 123_400, powerW: 0 });
    }
  });
});
