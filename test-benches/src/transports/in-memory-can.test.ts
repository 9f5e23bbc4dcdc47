// The in-memory CAN pair: order, answers from inside a listener, clocked delivery, closed channels.
import { describe, expect, it } from 'vitest';
import { AgentError, hex, toHex } from '../../../pile-agent/ports.js';
import type { CanFrame } from '../../../pile-agent/ports.js';
import { FakeClock } from '../../../pile-agent/testing.js';
import { createInMemoryCanPair } from './in-memory-can.js';

const frame = (id: number, data: string): CanFrame => ({ id, extended: true, data: hex(data) });

describe('in-memory CAN pair', () => {
  it('delivers frames to the other side in send order, never back to the sender', async () => {
    const pair = createInMemoryCanPair();
    await pair.a.open();
    await pair.b.open();
    const atB: string[] = [];
    const atA: string[] = [];
    pair.b.onFrame((f) => atB.push(`${f.id.toString(16)}#${toHex(f.data)}`));
    pair.a.onFrame((f) => atA.push(toHex(f.data)));
    await pair.a.send(frame(0x1826f456, '010100'));
    await pair.a.send(frame(0x1801f456, '0040E20100FFFFFF'));
    expect(atB).toEqual(['1826f456#010100', '1801f456#0040E20100FFFFFF']);
    expect(atA).toEqual([]);
    expect(pair.trace.map((t) => t.from)).toEqual(['a', 'a']);
  });

  it('an answer sent from inside a listener arrives after the frames already queued (no recursion)', async () => {
    const pair = createInMemoryCanPair();
    await pair.a.open();
    await pair.b.open();
    const order: string[] = [];
    pair.b.onFrame((f) => {
      order.push(`b<-${toHex(f.data)}`);
      if (f.data[0] === 0x01) void pair.b.send(frame(1, 'AA'));
    });
    pair.a.onFrame((f) => order.push(`a<-${toHex(f.data)}`));
    await pair.a.send(frame(2, '01'));
    expect(order).toEqual(['b<-01', 'a<-AA']);
  });

  it('with a latency, delivers through the clock and stamps the arrival time', async () => {
    const clock = new FakeClock(0);
    const pair = createInMemoryCanPair({ clock, latencyMs: 2 });
    await pair.a.open();
    await pair.b.open();
    const got: number[] = [];
    pair.b.onFrame((_f, at) => got.push(at));
    await pair.a.send(frame(3, '00'));
    expect(got).toEqual([]);
    clock.advance(2);
    expect(got).toEqual([2]);
  });

  it('copies the data so a reused send buffer cannot change a frame on the wire', async () => {
    const pair = createInMemoryCanPair();
    await pair.a.open();
    await pair.b.open();
    const got: string[] = [];
    pair.b.onFrame((f) => got.push(toHex(f.data)));
    const buf = hex('0102');
    await pair.a.send({ id: 4, extended: true, data: buf });
    buf[0] = 0xff;
    expect(got).toEqual(['0102']);
    expect(toHex(pair.trace[0].frame.data)).toBe('0102');
  });

  it('rejects sends before open and after close; a closed side hears nothing', async () => {
    const pair = createInMemoryCanPair();
    await expect(pair.a.send(frame(5, '00'))).rejects.toBeInstanceOf(AgentError);
    await pair.a.open();
    await pair.b.open();
    const got: number[] = [];
    pair.b.onFrame((f) => got.push(f.id));
    await pair.b.close();
    await pair.a.send(frame(6, '00'));
    expect(got).toEqual([]);
    await pair.a.close();
    await expect(pair.a.send(frame(7, '00'))).rejects.toBeInstanceOf(AgentError);
    await expect(pair.a.open()).rejects.toBeInstanceOf(AgentError);
  });

  it('rejects a frame longer than 8 bytes and lets listeners unsubscribe', async () => {
    const pair = createInMemoryCanPair();
    await pair.a.open();
    await pair.b.open();
    await expect(pair.a.send(frame(8, '000102030405060708'))).rejects.toBeInstanceOf(AgentError);
    const got: number[] = [];
    const off = pair.b.onFrame((f) => got.push(f.id));
    off();
    await pair.a.send(frame(9, '00'));
    expect(got).toEqual([]);
  });

  it('injected channel errors reach the error listeners of that side only', async () => {
    const pair = createInMemoryCanPair();
    const errs: string[] = [];
    pair.a.onError((e) => errs.push(`a:${e.code}`));
    pair.b.onError((e) => errs.push(`b:${e.code}`));
    pair.injectError('b', { code: 'bus-error', message: 'test' });
    expect(errs).toEqual(['b:bus-error']);
  });
});
