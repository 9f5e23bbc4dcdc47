// `npx bench card` as a real process on one end of a pty pair, the agent's PN532 driver on the
// other: the card given with --uid and one presented through stdin both reach the driver.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { nullLogger, systemClock, type CardPresented } from '../../../pile-agent/ports.js';
import { Pn532CardReader, SerialPortLine } from '../../../pile-agent/drivers.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';

let pair: PtyPair | undefined;
let proc: ChildProcess | undefined;
let reader: Pn532CardReader | undefined;
afterEach(async () => {
  await reader?.stop();
  proc?.kill('SIGKILL');
  await pair?.close();
});

it('bench card serves cards to the PN532 driver', async () => {
  pair = await openPtyPair();
  proc = spawn(process.execPath, ['bin/bench.js', 'card', '--port', pair.b, '--uid', '04a2b3c4'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = Date.now();
  while (!stderr.includes('PN532 simulator on')) {
    if (Date.now() - started > 15000) throw new Error(`bench card did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const cards: CardPresented[] = [];
  reader = new Pn532CardReader({
    line: new SerialPortLine({ path: pair.a, baudRate: 115200 }),
    clock: systemClock,
    logger: nullLogger,
    faults: { raise() {}, clear() {} },
    config: { pollIntervalMs: 20, responseTimeoutMs: 300, cardNumberFormat: 'hex', failuresBeforeFault: 3 },
  });
  reader.onCard((c) => cards.push(c));
  await reader.start();
  const wait = async (n: number) => {
    const t0 = Date.now();
    while (cards.length < n) {
      if (Date.now() - t0 > 5000) throw new Error(`expected ${n} cards, got ${cards.length}; ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await wait(1);
  proc.stdin!.write('present 0411223344556680\n');
  proc.stdin!.write('present 04112233445566\n');
  await wait(2);
  expect(cards.map((c) => c.cardNo)).toEqual(['04A2B3C4', '04112233445566']);
  expect(stderr).toContain('error: a card UID is 4 or 7 bytes');
});
