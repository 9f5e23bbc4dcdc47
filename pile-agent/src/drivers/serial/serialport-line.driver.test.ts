// SerialPortLine over a real socat pty pair: bytes cross in both directions and close is clean.
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../testing/pty-pair.js';
import { SerialPortLine } from './serialport-line.driver.js';

let pair: PtyPair | undefined;
afterEach(async () => {
  await pair?.close();
});

function collect(line: SerialPortLine, n: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const got: number[] = [];
    line.onData((c) => {
      got.push(...c);
      if (got.length >= n) resolve(Uint8Array.from(got));
    });
  });
}

describe('SerialPortLine over a pty pair', () => {
  it('carries bytes both ways', async () => {
    pair = await openPtyPair();
    const a = new SerialPortLine({ path: pair.a, baudRate: 115200 });
    const b = new SerialPortLine({ path: pair.b, baudRate: 115200 });
    await a.open();
    await b.open();
    const atB = collect(b, 5);
    await a.write(Uint8Array.from([1, 2, 3, 4, 5]));
    expect([...(await atB)]).toEqual([1, 2, 3, 4, 5]);
    const atA = collect(a, 3);
    await b.write(new TextEncoder().encode('ok\r'));
    expect(new TextDecoder().decode(await atA)).toBe('ok\r');
    await a.close();
    await b.close();
    await a.close(); // idempotent
  });

  it('rejects writes before open and opening a missing device', async () => {
    const line = new SerialPortLine({ path: '/dev/does-not-exist-pilegate', baudRate: 9600 });
    await expect(line.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 200 });
    await expect(line.open()).rejects.toMatchObject({ code: 202 });
  });
});
