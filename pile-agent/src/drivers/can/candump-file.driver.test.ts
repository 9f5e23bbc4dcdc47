// candump replay and capture: reference §7.5 vector C replayed as fast as possible and paced by
// its timestamps on a FakeClock, bad lines reported, interface filter, and a capture → file →
// replay round trip through a real temp file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { nullLogger } from '../../shared/logger.js';
import { hex } from '../../shared/hex.js';
import type { CanChannel, CanChannelError, CanFrame } from '../../ports/can-channel.port.js';
import { CandumpReplayChannel, type CandumpReplayDeps } from './candump-file.driver.js';
import { CandumpCapture, fileCandumpSink, memoryCandumpSink, withCapture } from './candump-capture.driver.js';

/** Vector C (§7.5), first rows, with timestamps 250 ms apart after the first 10 ms. */
const VECTOR_C = [
  '(1700000000.000000) can0 1826F456#010100',
  '(1700000000.010000) can0 182756F4#5019',
  '(1700000000.260000) can0 1801F456#0040E20100FFFFFF',
  '(1700000000.510000) can0 1CEC56F4#10310007FF000200',
].join('\n');

const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

function replay(text: string, over: Partial<CandumpReplayDeps> = {}) {
  const clock = new FakeClock();
  const ch = new CandumpReplayChannel({ source: { text }, clock, logger: nullLogger, pacing: 'asap', ...over, ...(over.clock ? {} : { clock }) });
  const got: Array<{ frame: CanFrame; at: number }> = [];
  const errors: CanChannelError[] = [];
  ch.onFrame((frame, at) => got.push({ frame, at }));
  ch.onError((e) => errors.push(e));
  return { clock, ch, got, errors };
}

describe('CandumpReplayChannel', () => {
  it('asap: delivers every frame in order on the next timer tick, then finishes', async () => {
    const { clock, ch, got } = replay(VECTOR_C);
    await ch.open();
    expect(got).toHaveLength(0); // nothing synchronously inside open()
    clock.advance(0);
    expect(got.map((g) => g.frame.id)).toEqual([0x1826f456, 0x182756f4, 0x1801f456, 0x1cec56f4]);
    expect(got[3].frame).toEqual({ id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') });
    await expect(ch.done).resolves.toEqual({ frames: 4, badLines: 0, stopped: false });
  });

  it('asap in batches: one timer tick per batch, so the event loop breathes between them', async () => {
    const fake = new FakeClock();
    const ticks: Array<() => void> = [];
    const clock = { now: () => fake.now(), monotonic: () => fake.monotonic(), setTimer: (_ms: number, fn: () => void) => (ticks.push(fn), { cancel() {} }) };
    const { ch, got } = replay(VECTOR_C, { batchSize: 3, clock });
    await ch.open();
    expect(ticks).toHaveLength(1);
    ticks.shift()!();
    expect(got).toHaveLength(3);
    expect(ticks).toHaveLength(1);
    ticks.shift()!();
    expect(got).toHaveLength(4);
    expect(ticks).toHaveLength(0); // finished without another tick
    await expect(ch.done).resolves.toMatchObject({ frames: 4 });
  });

  it('recorded: keeps the gaps between timestamps on the injected clock', async () => {
    const clock = new FakeClock();
    const { ch, got } = replay(VECTOR_C, { pacing: 'recorded', clock });
    await ch.open();
    const t0 = clock.monotonic();
    clock.advance(0);
    expect(got.map((g) => g.at - t0)).toEqual([0]);
    clock.advance(9);
    expect(got).toHaveLength(1);
    clock.advance(1);
    expect(got.map((g) => g.at - t0)).toEqual([0, 10]);
    clock.advance(500);
    expect(got.map((g) => g.at - t0)).toEqual([0, 10, 260, 510]);
  });

  it('recorded at speed 2 halves the gaps', async () => {
    const clock = new FakeClock();
    const { ch, got } = replay(VECTOR_C, { pacing: 'recorded', speed: 2, clock });
    await ch.open();
    const t0 = clock.monotonic();
    clock.advance(300);
    expect(got.map((g) => g.at - t0)).toEqual([0, 5, 130, 255]);
  });

  it('reports bad lines as bad-line errors with their line number and goes on; filters by iface', async () => {
    const text = ['# a comment', '(1.0) can0 1826F456#010100', 'garbage', '(1.1) can1 123#11', '(1.2) can0 1801F456#0040E2010', ''].join('\n');
    const { clock, ch, got, errors } = replay(text, { iface: 'can0' });
    await ch.open();
    clock.advance(0);
    expect(got.map((g) => g.frame.id)).toEqual([0x1826f456]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^line 3: candump.syntax/), expect.stringMatching(/^line 5: candump.data/)]);
    await expect(ch.done).resolves.toEqual({ frames: 1, badLines: 2, stopped: false });
  });

  it('close stops the replay; sends go to onSent, and reject when closed', async () => {
    const sent: CanFrame[] = [];
    const { clock, ch, got } = replay(VECTOR_C, { pacing: 'recorded', onSent: (f) => sent.push(f) });
    await expect(ch.send({ id: 1, extended: true, data: new Uint8Array(0) })).rejects.toMatchObject({ code: 200 });
    await ch.open();
    clock.advance(0);
    await ch.send({ id: 0x1801f456, extended: true, data: hex('AA') });
    expect(sent).toHaveLength(1);
    await ch.close();
    clock.advance(10_000);
    expect(got).toHaveLength(1);
    await expect(ch.done).resolves.toEqual({ frames: 1, badLines: 0, stopped: true });
  });

  it('a missing file rejects open with DriverIo', async () => {
    const ch = new CandumpReplayChannel({ source: { path: '/nonexistent/pilegate.log' }, clock: new FakeClock(), logger: nullLogger, pacing: 'asap' });
    await expect(ch.open()).rejects.toMatchObject({ code: 202 });
  });
});

describe('CandumpCapture', () => {
  it('writes candump -L lines stamped with the clock (memory sink)', () => {
    const clock = new FakeClock(1_700_000_000_250);
    const sink = memoryCandumpSink();
    const cap = new CandumpCapture({ sink, clock, iface: 'can0' });
    cap.record({ id: 0x1801f456, extended: true, data: hex('AA40E20100FFFFFF') });
    cap.record({ id: 0x123, extended: false, data: new Uint8Array(0), rtr: true });
    expect(sink.lines).toEqual(['(1700000000.250000) can0 1801F456#AA40E20100FFFFFF', '(1700000000.250000) can0 123#R']);
  });

  it('round trip: capture of a wrapped channel to a file, replayed frame for frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilegate-candump-'));
    tmp.push(dir);
    const path = join(dir, 'field.log');
    const clock = new FakeClock();
    // the "live" channel is itself a replay of vector C; the agent answers one frame
    const live = new CandumpReplayChannel({ source: { text: VECTOR_C }, clock, logger: nullLogger, pacing: 'recorded' });
    const cap = new CandumpCapture({ sink: fileCandumpSink(path), clock, iface: 'can0' });
    const ch: CanChannel = withCapture(live, cap);
    const reply = { id: 0x1cecf456, extended: true, data: hex('110701FFFF000200') };
    ch.onFrame((f) => {
      if (f.id === 0x1cec56f4) void ch.send(reply);
    });
    await ch.open();
    clock.advance(1000);
    await new Promise((r) => setImmediate(r));
    await cap.close();
    const text = readFileSync(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(5);

    const back = replay(text, { pacing: 'recorded' });
    await back.ch.open();
    back.clock.advance(1000);
    expect(back.got.map((g) => g.frame)).toEqual([
      { id: 0x1826f456, extended: true, data: hex('010100') },
      { id: 0x182756f4, extended: true, data: hex('5019') },
      { id: 0x1801f456, extended: true, data: hex('0040E20100FFFFFF') },
      { id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') },
      reply,
    ]);
    // the recorded gaps survive the round trip
    expect(back.got.map((g) => g.at - back.got[0].at)).toEqual([0, 10, 260, 510, 510]);
  });
});
