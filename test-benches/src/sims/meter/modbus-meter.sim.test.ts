// The bench meter on its own (fake clock, no I/O): energy integrates the power set by the bench,
// the register bank generated from each shipped map reads back through the agent's driver, and
// injected faults and behaviours change the answers.
import { describe, expect, it } from 'vitest';
import { listMeterMaps, loadMeterMap } from '../../../../hw-profiles/index.js';
import { FakeClock } from '../../../../pile-agent/testing.js';
import { hex, nullLogger, ok, type FaultSink } from '../../../../pile-agent/ports.js';
import { ModbusMeter, type ModbusTransport } from '../../../../pile-agent/drivers.js';
import { answerEvery, ModbusMeterSim } from './modbus-meter.sim.js';

const noFaults: FaultSink = { raise() {}, clear() {} };
/** The agent's driver talking to the sim directly, without a wire. */
const direct = (sim: ModbusMeterSim): ModbusTransport => ({
  request: async (_unit, pdu) => {
    const r = sim.respond(pdu);
    return r.pdu && r.action.kind !== 'bad-crc' ? ok(r.pdu) : { ok: false, error: { code: 'timeout', message: r.action.kind } };
  },
});

describe('ModbusMeterSim', () => {
  it('integrates the power the bench sets over the injected clock (exact Wh, no drift)', () => {
    const clock = new FakeClock(0);
    const sim = new ModbusMeterSim({ map: loadMeterMap('acrel-djsf1352-rn'), clock, initial: { energyWh: 1000 } });
    sim.set({ powerW: 60_000 });
    clock.advance(60_000); // 1 min at 60 kW = 1000 Wh
    expect(sim.values.energyWh).toBe(2000);
    sim.set({ powerW: 1 });
    for (let i = 0; i < 3600; i++) clock.advance(1000); // 1 W for an hour in 1 s steps
    expect(sim.values.energyWh).toBe(2001);
  });

  it.each(listMeterMaps())('serves map %s so the agent driver reads back what the bench set', async (id) => {
    const clock = new FakeClock(0);
    const sim = new ModbusMeterSim({ map: loadMeterMap(id), clock, initial: { energyWh: 123_456 } });
    sim.set({ powerW: 90_500, voltageMv: 650_100, currentMa: 139_200 });
    const m = new ModbusMeter({ transport: direct(sim), unitId: 1, map: loadMeterMap(id), timeoutMs: 50, retries: 0, faults: noFaults, source: 'c1', clock, logger: nullLogger });
    expect(await m.read()).toMatchObject({ ok: true, value: { energyWh: 123_456, powerW: 90_500, voltageMv: 650_100, currentMa: 139_200 } });
  });

  it('answers exception 02 outside the mapped range and injected faults until cleared', () => {
    const sim = new ModbusMeterSim({ map: loadMeterMap('acrel-djsf1352-rn'), clock: new FakeClock(0) });
    expect(sim.respond(hex('03 0100 0002')).pdu).toEqual(hex('83 02'));
    sim.inject({ kind: 'exception', code: 4 });
    expect(sim.respond(hex('03 0000 0002')).pdu).toEqual(hex('83 04'));
    sim.inject({ kind: 'silence' }, 1);
    expect(sim.respond(hex('03 0000 0002')).pdu).toBeUndefined();
    expect(sim.respond(hex('03 0000 0002')).action.kind).toBe('answer');
    sim.inject({ kind: 'bad-crc' });
    expect(sim.respond(hex('03 0000 0002')).action.kind).toBe('bad-crc');
    sim.clearFaults();
    expect(sim.respond(hex('03 0000 0002')).action.kind).toBe('answer');
  });

  it('runs behaviours in order (answerEvery: a flaky line)', () => {
    const sim = new ModbusMeterSim({ map: loadMeterMap('acrel-djsf1352-rn'), clock: new FakeClock(0), behaviors: [answerEvery(2)] });
    const kinds = [1, 2, 3, 4].map(() => sim.respond(hex('03 0000 0001')).action.kind);
    expect(kinds).toEqual(['silence', 'answer', 'silence', 'answer']);
  });

  it('refuses function codes it does not implement with exception 01', () => {
    const sim = new ModbusMeterSim({ map: loadMeterMap('acrel-djsf1352-rn'), clock: new FakeClock(0) });
    expect(sim.respond(hex('06 0000 0001')).pdu).toEqual(hex('86 01'));
  });
});
