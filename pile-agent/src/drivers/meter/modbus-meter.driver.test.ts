// The generic Modbus meter over a scripted transport: decoding a full reading with the Acrel map,
// retries, meter.comm-loss raised after the retries and cleared by the next answer, exceptions as
// answers (no fault), and busy exceptions retried.
import { describe, expect, it } from 'vitest';
import { loadMeterMap } from '../../../../hw-profiles/index.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import type { FaultCode } from '../../shared/fault-catalog.js';
import { nullLogger } from '../../shared/logger.js';
import { err, ok, type Result } from '../../shared/result.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { decodeReadRequest, encodeException, encodeReadResponse } from '../../protocols/modbus/pdu.js';
import type { ModbusTransport, ModbusTransportError } from '../rs485/modbus-transport.js';
import { ModbusMeter } from './modbus-meter.driver.js';
import type { MeterFaultEvent } from '../../ports/energy-meter.port.js';

type Reply = 'timeout' | { exception: 2 | 6 } | 'ok';

/** Answers from a register bank, or as scripted per request. */
function scripted(bank: Map<number, number>, script: Reply[] = []) {
  const seen: Array<{ unitId: number; address: number; quantity: number }> = [];
  const transport: ModbusTransport = {
    async request(unitId, pdu): Promise<Result<Uint8Array, ModbusTransportError>> {
      const req = decodeReadRequest(pdu);
      if (!req.ok) throw new Error(req.error.message);
      seen.push({ unitId, address: req.value.address, quantity: req.value.quantity });
      const step = script.shift() ?? 'ok';
      if (step === 'timeout') return err({ code: 'timeout', message: 'no answer' });
      if (step !== 'ok') return ok(encodeException(3, step.exception));
      const words = Array.from({ length: req.value.quantity }, (_, i) => bank.get(req.value.address + i) ?? 0);
      return ok(encodeReadResponse(3, words));
    },
  };
  return { transport, seen };
}

function faultLog() {
  const log: string[] = [];
  const sink: FaultSink = {
    raise: (c: FaultCode, s: string) => void log.push(`raise ${c} ${s}`),
    clear: (c: FaultCode, s: string) => void log.push(`clear ${c} ${s}`),
  };
  return { log, sink };
}

// Worked example of acrel-djsf1352-rn samples[1]: 750.0 V, 200.0 A, 150 kW, 1234567 Wh.
const djsfBank = new Map([
  [0x00, 7500],
  [0x01, 2],
  [0x02, 2000],
  [0x03, 2],
  [0x08, 15000],
  [0x09, 4],
  [0x0c, 0x0012],
  [0x0d, 0xd687],
]);

function meter(transport: ModbusTransport, faults: FaultSink, retries = 2) {
  return new ModbusMeter({
    transport,
    unitId: 7,
    map: loadMeterMap('acrel-djsf1352-rn'),
    timeoutMs: 100,
    retries,
    faults,
    source: 'connector-1',
    clock: new FakeClock(),
    logger: nullLogger,
  });
}

describe('ModbusMeter', () => {
  it('reads energy, power, voltage and current in one FC 03 request with the Acrel map', async () => {
    const { transport, seen } = scripted(djsfBank);
    const r = await meter(transport, faultLog().sink).read();
    expect(r).toMatchObject({ ok: true, value: { energyWh: 1234567, powerW: 150000, voltageMv: 750000, currentMa: 200000 } });
    expect(seen).toEqual([{ unitId: 7, address: 0, quantity: 14 }]);
  });

  it('reads only the energy registers on the fast path', async () => {
    const { transport, seen } = scripted(djsfBank);
    expect(await meter(transport, faultLog().sink).readEnergyWh()).toEqual({ ok: true, value: 1234567 });
    expect(seen).toEqual([{ unitId: 7, address: 0x0c, quantity: 2 }]);
  });

  it('retries a timeout and succeeds without raising a fault', async () => {
    const { transport, seen } = scripted(djsfBank, ['timeout', 'timeout', 'ok']);
    const f = faultLog();
    expect((await meter(transport, f.sink).read()).ok).toBe(true);
    expect(seen).toHaveLength(3);
    expect(f.log).toEqual([]);
  });

  it('raises meter.comm-loss after 1 + retries timeouts and clears it on the next good read', async () => {
    const { transport } = scripted(djsfBank, ['timeout', 'timeout', 'timeout']);
    const f = faultLog();
    const m = meter(transport, f.sink);
    const events: MeterFaultEvent[] = [];
    m.onFault((e) => events.push(e));
    expect(await m.read()).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(f.log).toEqual(['raise meter.comm-loss connector-1']);
    expect((await m.read()).ok).toBe(true);
    expect(f.log).toEqual(['raise meter.comm-loss connector-1', 'clear meter.comm-loss connector-1']);
    expect(events.map((e) => e.active)).toEqual([true, false]);
  });

  it('returns an exception answer as a value without raising a fault or retrying', async () => {
    const { transport, seen } = scripted(djsfBank, [{ exception: 2 }]);
    const f = faultLog();
    expect(await meter(transport, f.sink).read()).toMatchObject({ ok: false, error: { code: 'exception', exceptionCode: 2 } });
    expect(seen).toHaveLength(1);
    expect(f.log).toEqual([]);
  });

  it('retries a server-device-busy exception (§7 code 06)', async () => {
    const { transport, seen } = scripted(djsfBank, [{ exception: 6 }, 'ok']);
    expect((await meter(transport, faultLog().sink).read()).ok).toBe(true);
    expect(seen).toHaveLength(2);
  });
});
