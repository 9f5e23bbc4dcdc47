// The outbox drain over an in-memory outbox and a fake clock: batches oldest first, one in flight,
// exactly the acknowledged keys deleted, unanswered batches sent again after a growing wait, and live
// sessions ahead of a backlog while every session stays in seq order.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { nullLogger } from '../../shared/logger.js';
import type { OutboxPayload, OutboxRecord, OutboxRepo } from '../session/journal.repo.js';
import { OutboxDrain } from './outbox-drain.js';

const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

class ListOutbox implements OutboxRepo {
  records: OutboxRecord[] = [];
  add(session: number, seq: number): void {
    const sessionId = sid(session);
    const key = `${sessionId}:${seq}`;
    const payload: OutboxPayload = { key, kind: 'session.meter', pileId: 'P1', connectorId: 1, sessionId, seq, at: '2026-05-01T08:00:00.000Z', data: {} };
    this.records.push({ key, kind: payload.kind, payload, createdAt: payload.at });
  }
  pending(limit = 100) {
    return this.records.slice(0, limit);
  }
  pendingOf(sessionId: string, limit = 100) {
    return this.records.filter((r) => r.payload.sessionId === sessionId).slice(0, limit);
  }
  count() {
    return this.records.length;
  }
  ack() {
    return 0;
  }
  remove(keys: readonly string[]) {
    const before = this.records.length;
    this.records = this.records.filter((r) => !keys.includes(r.key));
    return before - this.records.length;
  }
}

function setup(over: { live?: () => string[]; batchSize?: number } = {}) {
  const outbox = new ListOutbox();
  const clock = new FakeClock();
  const sent: { id: string; keys: string[] }[] = [];
  const drain = new OutboxDrain({
    outbox,
    clock,
    logger: nullLogger,
    batchSize: over.batchSize ?? 3,
    ackTimeoutMs: 10_000,
    maxAckTimeoutMs: 80_000,
    random: () => 0.5,
    publish: async (_kind, json) => {
      const m = JSON.parse(json) as { id: string; events: { key: string }[] };
      sent.push({ id: m.id, keys: m.events.map((e) => e.key) });
    },
    ...(over.live ? { live: over.live } : {}),
  });
  const ackAll = () => {
    const last = sent[sent.length - 1];
    drain.onAck(
      last.id,
      last.keys.map((key) => ({ key, status: 'applied' })),
    );
  };
  return { outbox, clock, sent, drain, ackAll };
}

describe('OutboxDrain', () => {
  it('sends the oldest records in batches, one in flight, and deletes exactly the acknowledged keys', () => {
    const { outbox, sent, drain } = setup();
    for (let s = 1; s <= 5; s++) outbox.add(1, s);
    drain.start();
    drain.kick();
    expect(sent).toHaveLength(1);
    expect(sent[0].keys).toEqual([1, 2, 3].map((s) => `${sid(1)}:${s}`));
    drain.onAck(sent[0].id, [
      { key: `${sid(1)}:1`, status: 'applied' },
      { key: `${sid(1)}:2`, status: 'duplicate' },
    ]);
    expect(outbox.count()).toBe(3);
    expect(sent).toHaveLength(2);
    expect(sent[1].keys).toEqual([3, 4, 5].map((s) => `${sid(1)}:${s}`));
  });

  it('sends nothing while paused, and the whole batch again after reconnect', () => {
    const { outbox, sent, drain } = setup();
    outbox.add(1, 1);
    drain.start();
    drain.pause();
    drain.kick();
    expect(sent).toHaveLength(1);
    drain.start();
    expect(sent).toHaveLength(2);
    expect(sent[1].keys).toEqual(sent[0].keys);
  });

  it('sends an unanswered batch again after 10 s, then after growing waits', () => {
    const { outbox, clock, sent, drain } = setup();
    outbox.add(1, 1);
    drain.start();
    clock.advance(9_999);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toHaveLength(2);
    // Retry 1: wait in [10 s, 20 s] — with random 0.5, 15 s.
    clock.advance(14_999);
    expect(sent).toHaveLength(2);
    clock.advance(1);
    expect(sent).toHaveLength(3);
    // Retry 2: [10 s, 40 s] → 25 s.
    clock.advance(24_999);
    expect(sent).toHaveLength(3);
    clock.advance(1);
    expect(sent).toHaveLength(4);
  });

  it('an ack of the batch resets the wait to 10 s', () => {
    const { outbox, clock, sent, drain, ackAll } = setup();
    outbox.add(1, 1);
    drain.start();
    clock.advance(10_000);
    ackAll();
    outbox.add(1, 2);
    drain.kick();
    const n = sent.length;
    clock.advance(10_000);
    expect(sent).toHaveLength(n + 1);
  });

  it('puts a live session ahead of a backlog, in its own seq order, and keeps it ahead until it is acknowledged', () => {
    const live: string[] = [];
    const { outbox, sent, drain, ackAll } = setup({ live: () => live, batchSize: 4 });
    for (let s = 1; s <= 10; s++) outbox.add(1, s); // a closed session's backlog
    drain.start();
    expect(sent[0].keys).toEqual([1, 2, 3, 4].map((s) => `${sid(1)}:${s}`));
    outbox.add(2, 1);
    outbox.add(2, 2);
    live.push(sid(2));
    ackAll();
    expect(sent[1].keys).toEqual([`${sid(2)}:1`, `${sid(2)}:2`, `${sid(1)}:5`, `${sid(1)}:6`]);
    live.length = 0; // the session ended: its stop still goes ahead
    outbox.add(2, 3);
    drain.kick();
    ackAll();
    expect(sent[2].keys).toEqual([`${sid(2)}:3`, `${sid(1)}:7`, `${sid(1)}:8`, `${sid(1)}:9`]);
    ackAll();
    expect(sent[3].keys).toEqual([`${sid(1)}:10`]);
  });
});

describe('OutboxDrain and deferred events', () => {
  it('keeps deferred keys, deletes the settled ones, and waits before sending the deferred ones again', () => {
    const { outbox, clock, sent, drain } = setup();
    outbox.add(1, 2);
    outbox.add(1, 3);
    drain.start();
    const [k2, k3] = sent[0].keys;
    drain.onAck(sent[0].id, [
      { key: k2, status: 'deferred', reason: 'waiting for seq 1' },
      { key: k3, status: 'deferred', reason: 'waiting for seq 1' },
    ]);
    expect(outbox.count()).toBe(2);
    expect(sent).toHaveLength(1); // no hot loop
    clock.advance(14_999); // retry 1: 10 s + 0.5 × (20 s − 10 s)
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toHaveLength(2);
    drain.onAck(sent[1].id, [
      { key: k2, status: 'applied' },
      { key: k3, status: 'deferred' },
    ]);
    expect(outbox.pending().map((r) => r.key)).toEqual([k3]);
    expect(sent).toHaveLength(3); // progress: the next batch goes at once
  });
});
