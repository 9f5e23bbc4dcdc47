// The agent's meter stack against the bench meter over real links: a socat pty pair for Modbus RTU
// (driver → RS-485 hub → SerialPortLine ⇄ pty ⇄ SerialPortLine → RTU server → sim) and a TCP socket.
// Covers a full reading, comm loss raised and cleared, bad CRC retried, and two meters on one bus
// never interleaving.
import { afterEach, describe, expect, it } from 'vitest';
import { loadMeterMap } from '../../../../hw-profiles/index.js';
import { openPtyPair, type PtyPair } from '../../../../pile-agent/testing.js';
import { ModbusMeter, ModbusTcpTransport, Rs485BusHub, SerialPortLine } from '../../../../pile-agent/drivers.js';
import { nullLogger, systemClock, type FaultSink } from '../../../../pile-agent/ports.js';
import { ModbusMeterSim } from './modbus-meter.sim.js';
import { ModbusRtuSimServer } from './rtu-server.sim.js';
import { ModbusTcpSimServer } from './tcp-server.sim.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function faults() {
  const log: string[] = [];
  const sink: FaultSink = { raise: (c, s) => void log.push(`raise ${c} ${s}`), clear: (c, s) => void log.push(`clear ${c} ${s}`) };
  return { log, sink };
}

async function rtuBench(units: number[], paceWire = false) {
  const pty: PtyPair = await openPtyPair();
  cleanups.push(() => pty.close());
  const sims = new Map(units.map((u) => [u, new ModbusMeterSim({ map: loadMeterMap(u === 2 ? 'acrel-djsf1352-rn-float' : 'acrel-djsf1352-rn'), clock: systemClock })]));
  const server = new ModbusRtuSimServer({ line: new SerialPortLine({ path: pty.b, baudRate: 9600 }), clock: systemClock, meters: sims, baud: 9600, paceWire });
  await server.start();
  cleanups.push(() => server.stop());
  const hub = new Rs485BusHub({ line: new SerialPortLine({ path: pty.a, baudRate: 9600 }), clock: systemClock, logger: nullLogger, baud: 9600 });
  await hub.open();
  cleanups.push(() => hub.close());
  const f = faults();
  const meter = (unitId: number, retries = 1) =>
    new ModbusMeter({
      transport: hub,
      unitId,
      map: loadMeterMap(unitId === 2 ? 'acrel-djsf1352-rn-float' : 'acrel-djsf1352-rn'),
      timeoutMs: 150,
      retries,
      faults: f.sink,
      source: `connector-${unitId}`,
      clock: systemClock,
      logger: nullLogger,
    });
  return { sims, server, hub, meter, faults: f };
}

describe('meter over a pty pair (Modbus RTU, 9600 baud)', () => {
  it('reads what the bench meter measures', async () => {
    const b = await rtuBench([1]);
    b.sims.get(1)!.set({ energyWh: 5_000_000, powerW: 120_000, voltageMv: 700_000, currentMa: 171_400 });
    const r = await b.meter(1).read();
    expect(r).toMatchObject({ ok: true, value: { powerW: 120_000, voltageMv: 700_000, currentMa: 171_400 } });
    expect(r.ok && r.value.energyWh).toBeGreaterThanOrEqual(5_000_000);
  });

  it("with paceWire, a reading takes at least the bytes' transit time at 9600 baud", async () => {
    const b = await rtuBench([1], true);
    const t0 = performance.now();
    expect((await b.meter(1).read()).ok).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(((8 + 33) * 11 * 1000) / 9600 + 4); // 47 ms + t3.5
  });

  it('raises meter.comm-loss when the meter goes silent and clears it on the next good read', async () => {
    const b = await rtuBench([1]);
    const m = b.meter(1);
    b.sims.get(1)!.inject({ kind: 'silence' });
    expect(await m.read()).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(b.faults.log).toEqual(['raise meter.comm-loss connector-1']);
    b.sims.get(1)!.clearFaults();
    expect((await m.read()).ok).toBe(true);
    expect(b.faults.log).toEqual(['raise meter.comm-loss connector-1', 'clear meter.comm-loss connector-1']);
  });

  it('retries an answer with a bad CRC and returns an exception answer as a value', async () => {
    const b = await rtuBench([1]);
    const sim = b.sims.get(1)!;
    sim.inject({ kind: 'bad-crc' }, 1);
    expect((await b.meter(1).read()).ok).toBe(true);
    expect(sim.requests).toBe(2);
    sim.inject({ kind: 'exception', code: 4 }, 1);
    expect(await b.meter(1).read()).toMatchObject({ ok: false, error: { code: 'exception', exceptionCode: 4 } });
    expect(b.faults.log).toEqual([]);
  });

  it('two meters on one bus do not interleave, even when one answers slowly', async () => {
    const b = await rtuBench([1, 2]);
    b.sims.get(1)!.inject({ kind: 'delay', ms: 40 });
    const m1 = b.meter(1);
    const m2 = b.meter(2);
    const results = await Promise.all([m1.read(), m2.read(), m1.read(), m2.read(), m1.readEnergyWh(), m2.readEnergyWh()]);
    expect(results.every((r) => r.ok)).toBe(true);
    const log = b.server.log;
    expect(log.length).toBe(2 * 8); // meter 1: 1 read per reading, meter 2 (float map): 2, plus one energy read each
    for (let i = 0; i < log.length; i += 2) {
      expect([log[i].dir, log[i + 1].dir]).toEqual(['rx', 'tx']);
      expect(log[i + 1].unitId).toBe(log[i].unitId);
    }
  });
});

describe('meter over Modbus TCP (127.0.0.1)', () => {
  it('reads, loses and recovers the meter', async () => {
    const sim = new ModbusMeterSim({ map: loadMeterMap('acrel-djsf1352-rn-float'), clock: systemClock });
    sim.set({ energyWh: 42_000, powerW: 50_000, voltageMv: 500_000, currentMa: 100_000 });
    const server = new ModbusTcpSimServer({ meters: new Map([[3, sim]]), clock: systemClock });
    const port = await server.listen();
    cleanups.push(() => server.close());
    const transport = new ModbusTcpTransport({ host: '127.0.0.1', port, clock: systemClock, logger: nullLogger });
    cleanups.push(() => transport.close());
    const f = faults();
    const m = new ModbusMeter({
      transport,
      unitId: 3,
      map: loadMeterMap('acrel-djsf1352-rn-float'),
      timeoutMs: 200,
      retries: 1,
      faults: f.sink,
      source: 'connector-2',
      clock: systemClock,
      logger: nullLogger,
    });
    expect(await m.read()).toMatchObject({ ok: true, value: { energyWh: 42_000, powerW: 50_000, voltageMv: 500_000, currentMa: 100_000 } });
    sim.inject({ kind: 'silence' });
    expect((await m.read()).ok).toBe(false);
    sim.clearFaults();
    expect((await m.read()).ok).toBe(true);
    expect(f.log).toEqual(['raise meter.comm-loss connector-2', 'clear meter.comm-loss connector-2']);
  });
});
