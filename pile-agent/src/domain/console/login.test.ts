// Technician login: PIN against the scrypt hash, 5 wrong tries → 5 minutes locked (fake clock),
// every attempt logged without the PIN.
import { beforeAll, describe, expect, it } from 'vitest';
import { LoginGate } from './login.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { capturingLogger } from '../../shared/logger.js';
import { hashSecret } from '../../shared/secret-hash.js';

let pinHash: string;
beforeAll(async () => {
  pinHash = await hashSecret('2468', { N: 1024, r: 8, p: 1 });
});

function gate(hash: string | null = pinHash) {
  const clock = new FakeClock();
  const logger = capturingLogger();
  return { clock, logger, gate: new LoginGate({ pinHash: hash, clock, logger }) };
}

describe('LoginGate', () => {
  it('grants the right PIN and logs it without the PIN', async () => {
    const { gate: g, logger } = gate();
    expect(await g.attempt('2468', 'serial /dev/pts/4')).toEqual({ type: 'granted' });
    expect(logger.records).toEqual([expect.objectContaining({ level: 'info', obj: { event: 'console.login', channel: 'serial /dev/pts/4', outcome: 'granted' } })]);
    expect(JSON.stringify(logger.records)).not.toContain('2468');
  });

  it('counts down the tries left on wrong PINs and logs each attempt', async () => {
    const { gate: g, logger } = gate();
    const outcomes = [];
    for (const pin of ['1', '2', '3', '4']) outcomes.push(await g.attempt(pin, 'c'));
    expect(outcomes).toEqual([4, 3, 2, 1].map((triesLeft) => ({ type: 'denied', triesLeft })));
    expect(logger.records.map((r) => (r.obj as { outcome: string }).outcome)).toEqual(['denied', 'denied', 'denied', 'denied']);
  });

  it('locks for 5 minutes after the 5th wrong PIN, refuses even the right PIN meanwhile, and accepts it after expiry', async () => {
    const { gate: g, clock, logger } = gate();
    for (let i = 0; i < 4; i++) await g.attempt('0000', 'c');
    expect(await g.attempt('0000', 'c')).toEqual({ type: 'locked', retryInMs: 300_000 });
    clock.advance(120_000);
    expect(await g.attempt('2468', 'c')).toEqual({ type: 'locked', retryInMs: 180_000 });
    clock.advance(179_999);
    expect(g.lockedForMs()).toBe(1);
    expect(await g.attempt('2468', 'c')).toEqual({ type: 'locked', retryInMs: 1 });
    clock.advance(1);
    expect(g.lockedForMs()).toBe(0);
    expect(await g.attempt('2468', 'c')).toEqual({ type: 'granted' });
    expect(logger.records.map((r) => (r.obj as { outcome: string }).outcome)).toEqual(['denied', 'denied', 'denied', 'denied', 'locked', 'locked', 'locked', 'granted']);
  });

  it('gives a fresh set of 5 tries after the lockout, and a right PIN resets the count', async () => {
    const { gate: g, clock } = gate();
    for (let i = 0; i < 5; i++) await g.attempt('0000', 'c');
    clock.advance(300_000);
    expect(await g.attempt('0000', 'c')).toEqual({ type: 'denied', triesLeft: 4 });
    expect(await g.attempt('2468', 'c')).toEqual({ type: 'granted' });
    expect(await g.attempt('0000', 'c')).toEqual({ type: 'denied', triesLeft: 4 });
  });

  it('refuses every PIN when no hash is configured, and treats a malformed hash as a wrong PIN', async () => {
    expect(await gate(null).gate.attempt('2468', 'c')).toEqual({ type: 'disabled' });
    expect(await gate('not-a-hash').gate.attempt('2468', 'c')).toEqual({ type: 'denied', triesLeft: 4 });
  });

  it('does not even hash an over-long PIN', async () => {
    let calls = 0;
    const clock = new FakeClock();
    const g = new LoginGate({ pinHash: 'x', clock, logger: capturingLogger(), verify: async () => (calls++, true) });
    expect(await g.attempt('9'.repeat(65), 'c')).toEqual({ type: 'denied', triesLeft: 4 });
    expect(calls).toBe(0);
  });
});
