// The RS-485 hub over an in-memory line and a fake clock: one exchange at a time with the t3.5 gap
// before each request, timeouts, late answers ignored, raw leases serialised with Modbus traffic.
import { describe, expect, it } from 'vitest';
import type { SerialLine } from '../../ports/serial-line.port.js';
import { nullLogger } from '../../shared/logger.js';
import { hex } from '../../shared/hex.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { encodeRtuAdu } from '../../protocols/modbus/rtu-frame.js';
import { Rs485BusHub } from './bus-hub.js';

function memoryLine() {
  const writes: Array<{ bytes: Uint8Array; atMs: number }> = [];
  let data: ((c: Uint8Array) => void) | undefined;
  let clock: FakeClock | undefined;
  const line: SerialLine = {
    open: async () => {},
    write: async (bytes) => void writes.push({ bytes, atMs: clock!.monotonic() }),
    onData: (l) => ((data = l), () => (data = undefined)),
    onClose: () => () => {},
    close: async () => {},
  };
  return { line, writes, emit: (c: Uint8Array) => data?.(c), bind: (c: FakeClock) => (clock = c) };
}

const flush = () => new Promise((r) => setImmediate(r));
const answer = (unitId: number) => encodeRtuAdu({ unitId, pdu: hex('03 02 1234') });

describe('Rs485BusHub', () => {
  it('serialises two devices: the second request waits for the first answer plus t3.5', async () => {
    const clock = new FakeClock(0);
    const m = memoryLine();
    m.bind(clock);
    const hub = new Rs485BusHub({ line: m.line, clock, logger: nullLogger, baud: 9600 });
    const a = hub.request(1, hex('03 0000 0001'), { timeoutMs: 100 });
    const b = hub.request(2, hex('03 0000 0001'), { timeoutMs: 100 });
    await flush();
    expect(m.writes.map((w) => w.bytes[0])).toEqual([1]);
    clock.advance(10);
    m.emit(answer(1));
    expect(await a).toEqual({ ok: true, value: hex('03 02 1234') });
    await flush();
    expect(m.writes).toHaveLength(1); // still inside the 4.01 ms gap
    clock.advance(4.1);
    await flush();
    expect(m.writes.map((w) => [w.bytes[0], w.atMs])).toEqual([
      [1, 0],
      [2, 14.1],
    ]);
    m.emit(answer(2));
    expect((await b).ok).toBe(true);
  });

  it('times out, ignores the late answer, and serves the next request', async () => {
    const clock = new FakeClock(0);
    const m = memoryLine();
    m.bind(clock);
    const hub = new Rs485BusHub({ line: m.line, clock, logger: nullLogger, baud: 9600 });
    const a = hub.request(1, hex('03 0000 0001'), { timeoutMs: 50 });
    await flush();
    clock.advance(50);
    expect(await a).toMatchObject({ ok: false, error: { code: 'timeout' } });
    const b = hub.request(2, hex('03 0000 0001'), { timeoutMs: 50 });
    clock.advance(5);
    await flush();
    m.emit(answer(1)); // late answer of unit 1
    m.emit(answer(2));
    expect((await b).ok).toBe(true);
  });

  it('gives a raw lease the line exclusively between Modbus exchanges', async () => {
    const clock = new FakeClock(0);
    const m = memoryLine();
    m.bind(clock);
    const hub = new Rs485BusHub({ line: m.line, clock, logger: nullLogger, baud: 115200 });
    const got: number[] = [];
    const lease = hub.withLine(async (l) => {
      const off = l.onData((c) => got.push(...c));
      await l.write(hex('00 00 FF'));
      m.emit(hex('AA BB'));
      off();
      return got.length;
    });
    const after = hub.request(1, hex('03 0000 0001'), { timeoutMs: 50 });
    expect(await lease).toBe(2);
    clock.advance(2);
    await flush();
    expect(m.writes.map((w) => w.bytes.length)).toEqual([3, 8]);
    m.emit(answer(1));
    expect((await after).ok).toBe(true);
  });

  it('fails queued requests with closed after close()', async () => {
    const clock = new FakeClock(0);
    const m = memoryLine();
    m.bind(clock);
    const hub = new Rs485BusHub({ line: m.line, clock, logger: nullLogger, baud: 9600 });
    const a = hub.request(1, hex('03 0000 0001'), { timeoutMs: 50 });
    await flush();
    await hub.close();
    expect(await a).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect(await hub.request(1, hex('03 0000 0001'), { timeoutMs: 50 })).toMatchObject({ ok: false, error: { code: 'closed' } });
  });
});
