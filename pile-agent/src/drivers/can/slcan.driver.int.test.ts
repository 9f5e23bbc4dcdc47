// SlcanCanChannel over a real socat pty pair against a tiny scripted SLCAN adapter on the far end
// (a SerialPortLine + the framer + a CANUSB-like answer script): bytes really cross a tty.
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../testing/pty-pair.js';
import { SerialPortLine } from '../serial/serialport-line.driver.js';
import { SlcanFramer } from '../../protocols/slcan/slcan-framer.js';
import { systemClock } from '../../ports/clock.port.js';
import { nullLogger } from '../../shared/logger.js';
import { hex } from '../../shared/hex.js';
import type { CanFrame } from '../../ports/can-channel.port.js';
import { SlcanCanChannel } from './slcan.driver.js';
import { canusbScript } from '../../testing/scripted-slcan-line.js';

let pair: PtyPair | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await pair?.close();
});

/** The far end: answers each line like a CANUSB and records what it received. */
async function scriptedAdapter(path: string) {
  const line = new SerialPortLine({ path, baudRate: 115200 });
  await line.open();
  cleanups.push(() => line.close());
  const framer = new SlcanFramer();
  const answer = canusbScript();
  const received: string[] = [];
  line.onData((chunk) => {
    for (const t of framer.push(chunk)) {
      const text = t.kind === 'line' ? t.text : t.kind;
      received.push(text);
      const reply = t.kind === 'line' ? answer(t.text) : '\x07';
      if (reply !== undefined) void line.write(new TextEncoder().encode(reply));
    }
  });
  return { received, inject: (text: string) => line.write(new TextEncoder().encode(text)) };
}

describe('SlcanCanChannel over a pty pair', () => {
  it('opens, sends with acks, receives frames, reports garbage, closes with C', async () => {
    pair = await openPtyPair();
    const adapter = await scriptedAdapter(pair.b);
    const ch = new SlcanCanChannel({ line: new SerialPortLine({ path: pair.a, baudRate: 115200 }), bitrate: 250_000, logger: nullLogger, clock: systemClock });
    cleanups.unshift(() => ch.close());
    const frames: CanFrame[] = [];
    const errors: string[] = [];
    ch.onFrame((f) => frames.push(f));
    ch.onError((e) => errors.push(e.code));
    await ch.open();
    expect(adapter.received).toEqual(['', '', '', 'C', 'S5', 'Z0', 'O']);

    // §5.3: CTS and CRM 0xAA from the charger
    await ch.send({ id: 0x1cecf456, extended: true, data: hex('110701FFFF000200') });
    await ch.send({ id: 0x1801f456, extended: true, data: hex('AA40E20100FFFFFF') });
    expect(adapter.received.slice(-2)).toEqual(['T1CECF4568110701FFFF000200', 'T1801F4568AA40E20100FFFFFF']);

    const got = new Promise<void>((resolve) => ch.onFrame(() => frames.length === 2 && resolve()));
    await adapter.inject('T1CEC56F4810310007FF000200\r\x01\x02garbage\r');
    await adapter.inject('T1CEB56F480101010003F00A80\r');
    await got;
    expect(frames.map((f) => f.id)).toEqual([0x1cec56f4, 0x1ceb56f4]);
    expect([...frames[1].data]).toEqual([...hex('0101010003F00A80')]);
    expect(errors).toEqual(['bad-line']);

    await ch.close();
    expect(adapter.received.at(-1)).toBe('C');
  });
});
