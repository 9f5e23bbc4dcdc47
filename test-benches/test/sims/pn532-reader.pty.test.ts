// The agent's PN532 card reader driver against the bench's PN532 simulator over a real pty pair:
// a card is reported once while held, again after removal; garbage is survived; a silent reader
// raises `reader.offline` and clears it when it answers again.
import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger, systemClock, type CardPresented, type FaultCode, type FaultSink } from '../../../pile-agent/ports.js';
import { Pn532CardReader, SerialPortLine } from '../../../pile-agent/drivers.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { Pn532Sim } from '../../src/sims/card-reader/pn532.sim.js';

let pair: PtyPair | undefined;
let reader: Pn532CardReader | undefined;
let sim: Pn532Sim | undefined;
afterEach(async () => {
  await reader?.stop();
  await sim?.stop();
  await pair?.close();
});

const until = async (cond: () => boolean, ms = 4000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function rig(format: 'hex' | 'decimal-le' = 'hex') {
  pair = await openPtyPair();
  sim = new Pn532Sim(new SerialPortLine({ path: pair.b, baudRate: 115200 }));
  await sim.start();
  const faults: { op: string; code: FaultCode }[] = [];
  const sink: FaultSink = { raise: (code) => faults.push({ op: 'raise', code }), clear: (code) => faults.push({ op: 'clear', code }) };
  const logger = capturingLogger();
  reader = new Pn532CardReader({
    line: new SerialPortLine({ path: pair.a, baudRate: 115200 }),
    clock: systemClock,
    logger,
    faults: sink,
    config: { pollIntervalMs: 20, responseTimeoutMs: 150, cardNumberFormat: format, failuresBeforeFault: 2 },
  });
  const cards: CardPresented[] = [];
  reader.onCard((c) => cards.push(c));
  await reader.start();
  return { sim, reader, cards, faults, logger };
}

describe('PN532 reader over a pty pair', () => {
  it('reports a held card once, and again after it was removed', async () => {
    const { sim, cards, reader } = await rig();
    await until(() => sim.stats.polls > 0);
    sim.present('04A2B3C4');
    await until(() => cards.length === 1);
    const polls = sim.stats.polls;
    await until(() => sim.stats.polls > polls + 3);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ cardNo: '04A2B3C4', uidHex: '04A2B3C4' });
    sim.remove();
    await until(() => sim.stats.polls > polls + 6);
    sim.present('04A2B3C4');
    await until(() => cards.length === 2);
    expect(reader.lastCard()?.cardNo).toBe('04A2B3C4');
  });

  it('uses the profile card-number format and survives garbage on the line', async () => {
    const { sim, cards, logger } = await rig('decimal-le');
    await sim.sendGarbage(Uint8Array.of(0x13, 0x37, 0x00, 0xff, 0x05, 0x00, 0xd5, 0x4b, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06));
    sim.present('04A2B3C4');
    await until(() => cards.length === 1);
    expect(cards[0].cardNo).toBe(String(0xc4b3a204));
    expect(logger.records.some((r) => r.level === 'warn')).toBe(true);
  });

  it('raises reader.offline when the reader falls silent and clears it when it answers', async () => {
    const { sim, faults } = await rig();
    await until(() => sim.stats.polls > 0);
    sim.setSilent(true);
    await until(() => faults.some((f) => f.op === 'raise' && f.code === 'reader.offline'));
    sim.setSilent(false);
    await until(() => faults.some((f) => f.op === 'clear' && f.code === 'reader.offline'));
  });
});
