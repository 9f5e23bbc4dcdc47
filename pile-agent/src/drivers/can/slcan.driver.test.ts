// SlcanCanChannel against a scripted adapter on a fake SerialLine with a FakeClock (reference §5):
// open sequence, bit rates, BELL handling, acks, serialised commands, timeouts, bad lines, close.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { capturingLogger } from '../../shared/logger.js';
import { hex } from '../../shared/hex.js';
import type { CanChannelError, CanFrame } from '../../ports/can-channel.port.js';
import { SlcanCanChannel, type SlcanChannelOptions } from './slcan.driver.js';
import { ScriptedSlcanLine, canusbScript } from '../../testing/scripted-slcan-line.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Drives a promise to completion on a FakeClock: lets I/O microtasks run, then moves time. */
async function settle<T>(clock: FakeClock, p: Promise<T>, stepMs = 10, maxSteps = 200): Promise<T> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < maxSteps && !done; i++) {
    await tick();
    if (!done) clock.advance(stepMs);
  }
  return p;
}

function setup(script = canusbScript(), options: SlcanChannelOptions = {}, bitrate = 250_000) {
  const clock = new FakeClock();
  const line = new ScriptedSlcanLine(script);
  const logger = capturingLogger();
  const ch = new SlcanCanChannel({ line, bitrate, logger, clock, options });
  const frames: CanFrame[] = [];
  const errors: CanChannelError[] = [];
  ch.onFrame((f) => frames.push(f));
  ch.onError((e) => errors.push(e));
  return { clock, line, ch, frames, errors, logger };
}

const rts: CanFrame = { id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') };

describe('SlcanCanChannel open (§5.2 recommended initialisation)', () => {
  it('flushes, closes, sets S5 for 250 kbit/s, Z0, then O', async () => {
    const { clock, line, ch } = setup();
    await settle(clock, ch.open());
    expect(line.written).toEqual(['', '', '', 'C', 'S5', 'Z0', 'O']);
    await settle(clock, ch.open()); // idempotent
    expect(line.written).toHaveLength(7);
  });

  it('uses S2 for a 50 kbit/s site, L for listen-only, and can leave timestamps alone', async () => {
    const { clock, line, ch } = setup(canusbScript(), { listenOnly: true, timestampsOff: false }, 50_000);
    await settle(clock, ch.open());
    expect(line.written.slice(3)).toEqual(['C', 'S2', 'L']);
  });

  it('rejects a bit rate without SLCAN preset as a config error, before touching the line', async () => {
    const { line, ch } = setup(canusbScript(), {}, 83_300);
    await expect(ch.open()).rejects.toMatchObject({ code: 500 });
    expect(line.opened).toBe(false);
  });

  it('fails open when the adapter refuses S5 or O with BELL, and releases the line', async () => {
    const { clock, line, ch } = setup((l) => (l === 'S5' ? '\x07' : '\r'));
    await expect(settle(clock, ch.open())).rejects.toMatchObject({ code: 202, message: expect.stringMatching(/refused S5/) });
    expect(line.opened).toBe(false);
    const b = setup((l) => (l === 'O' ? '\x07' : '\r'));
    await expect(settle(b.clock, b.ch.open())).rejects.toThrow(/refused O/);
  });

  it('tolerates a BELL to Z0 (logged) and to C (already closed)', async () => {
    const { clock, ch, logger, errors } = setup((l) => (l === 'Z0' || l === 'C' || l === '' ? '\x07' : '\r'));
    await settle(clock, ch.open());
    expect(logger.records.some((r) => r.level === 'warn' && /Z0/.test(String(r.msg ?? r.obj)))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('times out when the adapter is silent', async () => {
    const { clock, ch } = setup(() => undefined);
    await expect(settle(clock, ch.open(), 100)).rejects.toMatchObject({ code: 202, message: expect.stringMatching(/did not answer C within 500 ms/) });
  });
});

describe('SlcanCanChannel send', () => {
  it('writes T lines and resolves on the Z ack; standard frames on z', async () => {
    const { clock, line, ch } = setup();
    await settle(clock, ch.open());
    await settle(clock, ch.send(rts));
    await settle(clock, ch.send({ id: 0x123, extended: false, data: hex('1122') }));
    expect(line.written.slice(-2)).toEqual(['T1CEC56F4810310007FF000200', 't12321122']);
  });

  it('accepts a bare CR as the ack (non-CANUSB adapters)', async () => {
    const { clock, ch } = setup((l) => (l === '' ? '\x07' : '\r'));
    await settle(clock, ch.open());
    await expect(settle(clock, ch.send(rts))).resolves.toBeUndefined();
  });

  it('rejects a frame the adapter refuses with BELL', async () => {
    const { clock, ch } = setup((l) => (l.startsWith('T') ? '\x07' : l === '' ? '\x07' : '\r'));
    await settle(clock, ch.open());
    await expect(settle(clock, ch.send(rts))).rejects.toMatchObject({ code: 202, message: expect.stringMatching(/refused frame T1CEC56F4/) });
  });

  it('serialises: the second frame is written only after the first ack', async () => {
    const acks: string[] = [];
    const { clock, line, ch } = setup((l) => {
      if (l.startsWith('T')) {
        acks.push(l);
        return undefined; // ack by hand below
      }
      return l === '' ? '\x07' : '\r';
    });
    await settle(clock, ch.open());
    const a = ch.send(rts);
    const b = ch.send({ ...rts, data: hex('13310007FF000200') });
    await tick();
    expect(acks).toHaveLength(1);
    line.feed('Z\r');
    await a;
    await tick();
    expect(acks).toHaveLength(2);
    line.feed('Z\r');
    await b;
  });

  it('rejects sends before open, invalid frames, and sends queued at close', async () => {
    const { clock, ch, line } = setup((l) => (l.startsWith('T') ? undefined : l === '' ? '\x07' : '\r'));
    await expect(ch.send(rts)).rejects.toMatchObject({ code: 200 });
    await settle(clock, ch.open());
    await expect(ch.send({ id: 0x800, extended: false, data: new Uint8Array(0) })).rejects.toMatchObject({ code: 100 });
    const pending = ch.send(rts);
    const queued = ch.send(rts);
    await tick();
    const closing = ch.close();
    await expect(pending).rejects.toMatchObject({ code: 200 });
    await expect(queued).rejects.toMatchObject({ code: 200 });
    await settle(clock, closing);
    expect(line.written.at(-1)).toBe('C');
    expect(line.opened).toBe(false);
    await ch.close(); // idempotent
    await expect(ch.send(rts)).rejects.toMatchObject({ code: 200 });
  });

  it('without awaitTxAck, resolves on write and reports a later BELL through onError', async () => {
    const { clock, ch, line, errors } = setup((l) => (l.startsWith('T') ? undefined : l === '' ? '\x07' : '\r'), { awaitTxAck: false });
    await settle(clock, ch.open());
    await ch.send(rts);
    line.feed('\x07');
    expect(errors).toEqual([{ code: 'adapter-error', message: expect.stringMatching(/BELL/) }]);
  });
});

describe('SlcanCanChannel receive', () => {
  it('delivers received frames (with or without adapter timestamps) in order', async () => {
    const { clock, ch, line, frames } = setup();
    await settle(clock, ch.open());
    line.feed('T1CEC56F4810310007FF000200\rT1CEB56F480101010003F00A80');
    line.feed('\rT100956F41AA03E8\rR1CEC56F48\r');
    expect(frames).toEqual([
      rts,
      { id: 0x1ceb56f4, extended: true, data: hex('0101010003F00A80') },
      { id: 0x100956f4, extended: true, data: hex('AA') },
      { id: 0x1cec56f4, extended: true, data: new Uint8Array(0), rtr: true },
    ]);
  });

  it('reports garbage and undecodable lines as bad-line, never throws, keeps going', async () => {
    const { clock, ch, line, frames, errors } = setup();
    await settle(clock, ch.open());
    line.feed(Uint8Array.of(0xff, 0xfe, 0x0d));
    line.feed(`T1CEC56F49\rhello\r${'X'.repeat(100)}\rT100956F41AA\r`);
    expect(errors.map((e) => e.code)).toEqual(['bad-line', 'bad-line', 'bad-line', 'bad-line']);
    expect(errors[1].message).toMatch(/slcan\.dlc/);
    expect(frames).toHaveLength(1);
  });

  it('ignores frames that arrive before the channel is open', async () => {
    // a busy bus: the adapter passes a frame along with its answer to S5, before O
    const canusb = canusbScript();
    const { clock, ch, frames } = setup((l) => (l === 'S5' ? `T100956F41AA\r${canusb(l)!}` : canusb(l)));
    await settle(clock, ch.open());
    expect(frames).toEqual([]);
  });

  it('readVersion and readStatusFlags query the adapter', async () => {
    const { clock, ch } = setup();
    await settle(clock, ch.open());
    expect(await settle(clock, ch.readVersion())).toEqual({ hardware: '10', software: '13' });
    expect(await settle(clock, ch.readStatusFlags())).toBe(0);
  });

  it('an unplugged adapter raises a closed error and rejects the pending send', async () => {
    const { clock, ch, line, errors } = setup((l) => (l.startsWith('T') ? undefined : l === '' ? '\x07' : '\r'));
    await settle(clock, ch.open());
    const pending = ch.send(rts);
    await tick();
    line.unplug();
    await expect(pending).rejects.toMatchObject({ code: 200 });
    expect(errors).toEqual([{ code: 'closed', message: expect.stringMatching(/unplugged/) }]);
    await expect(ch.send(rts)).rejects.toMatchObject({ code: 200 });
  });

  it('can be opened again after close, and ignores a late ack with nothing outstanding', async () => {
    const { clock, ch, line, frames, errors } = setup();
    await settle(clock, ch.open());
    await settle(clock, ch.close());
    await settle(clock, ch.open());
    expect(line.written.filter((l) => l === 'O')).toHaveLength(2);
    line.feed('Z\r\rT100956F41AA\r');
    expect(frames).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a failing write rejects the send with the error', async () => {
    const { clock, ch, line } = setup();
    await settle(clock, ch.open());
    line.failWrites = true;
    await expect(ch.send(rts)).rejects.toThrow(/scripted write failure/);
  });
});
