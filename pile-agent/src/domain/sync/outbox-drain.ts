// The outbox drain (contract "session/events" / "session/ack"): sends unacknowledged records in
// batches, one batch in flight, and deletes exactly the keys the cloud's ack lists. Each batch opens
// with every pending record of the live sessions (running now, or running at any time since this
// drain started and not yet fully acknowledged), in seq order, then fills up with the oldest backlog:
// after a days-long outage a session started during the drain reaches the cloud with the next batch,
// not after the backlog, and every session still goes in seq order. An unanswered batch is sent again
// after a wait that grows with each retry (10 s doubling to 2 min, full jitter). Records stay in the
// outbox until acknowledged, so a restart or a lost link never loses one (at least once; the cloud
// applies each once). A record the cloud answers `deferred` (held behind a gap) stays and goes again.
import { randomUUID } from 'node:crypto';
import type { OutboxRecord, OutboxRepo } from '../session/journal.repo.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { Logger } from '../../shared/logger.js';

export interface OutboxDrainDeps {
  readonly outbox: OutboxRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Publishes one encoded message of `kind`; rejects when the link is down. */
  readonly publish: (kind: string, json: string) => Promise<void>;
  readonly batchSize: number;
  /** The first wait for a batch's ack; each retry doubles it up to `maxAckTimeoutMs`. */
  readonly ackTimeoutMs: number;
  readonly maxAckTimeoutMs?: number;
  /** Sessions running now (their events go ahead of the backlog). */
  readonly live?: () => readonly string[];
  /** A batch with this message id went out (for the cloud clock's round trips). */
  readonly sent?: (id: string) => void;
  /** Uniform in [0, 1) (tests pass a fixed one). */
  readonly random?: () => number;
}

export class OutboxDrain {
  private inFlight: { id: string; timer: TimerHandle } | null = null;
  private running = false;
  private retries = 0;
  private readonly priority = new Set<string>();
  lastAckAt: string | null = null;

  constructor(private readonly deps: OutboxDrainDeps) {}

  /** Sends the next batch if none is in flight and records wait. */
  kick(): void {
    for (const s of this.deps.live?.() ?? []) this.priority.add(s);
    if (!this.running || this.inFlight) return;
    const records = this.batch();
    if (records.length === 0) return;
    const id = randomUUID();
    const timer = this.deps.clock.setTimer(this.retryWait(), () => {
      if (this.inFlight?.id !== id) return;
      this.retries++;
      this.deps.logger.warn({ batch: id, retries: this.retries }, 'session/ack not received; sending again');
      this.inFlight = null;
      this.kick();
    });
    this.inFlight = { id, timer };
    const message = JSON.stringify({ v: 1, id, at: new Date(this.deps.clock.now()).toISOString(), events: records.map((r) => r.payload) });
    this.deps.sent?.(id);
    this.deps.publish('session/events', message).catch((e: Error) => {
      if (this.inFlight?.id !== id) return;
      this.deps.logger.warn({ err: e.message }, 'session events not sent');
      timer.cancel();
      this.inFlight = null;
    });
  }

  /** The live sessions' records (seq order), then the oldest others, `batchSize` at most. */
  private batch(): OutboxRecord[] {
    const { outbox, batchSize } = this.deps;
    const out: OutboxRecord[] = [];
    const taken = new Set<string>();
    for (const s of [...this.priority]) {
      const rows = outbox.pendingOf(s, batchSize - out.length);
      if (rows.length === 0) this.priority.delete(s);
      for (const r of rows) if (!taken.has(r.key)) taken.add(r.key), out.push(r);
      if (out.length >= batchSize) return out;
    }
    if (taken.size === 0) return [...outbox.pending(batchSize)];
    for (const r of outbox.pending(batchSize + taken.size)) {
      if (out.length >= batchSize) break;
      if (!taken.has(r.key)) out.push(r);
    }
    return out;
  }

  private retryWait(): number {
    if (this.retries === 0) return this.deps.ackTimeoutMs;
    const cap = Math.min(this.deps.maxAckTimeoutMs ?? 120_000, this.deps.ackTimeoutMs * 2 ** Math.min(this.retries, 20));
    // Full jitter above the first wait: never sooner than ackTimeoutMs, spread up to the cap.
    return this.deps.ackTimeoutMs + Math.floor((this.deps.random ?? Math.random)() * (cap - this.deps.ackTimeoutMs));
  }

  /**
   * The cloud's ack: delete every key it settled (`applied`, `duplicate`, `rejected` — rejected ones are
   * logged: they can never apply). A `deferred` key is kept to be sent again; an ack that settled
   * nothing is no progress, so the next batch waits out the retry wait instead of going at once.
   */
  onAck(re: string, results: readonly { key: string; status: string; reason?: string }[]): void {
    for (const r of results) if (r.status === 'rejected') this.deps.logger.error({ key: r.key, reason: r.reason }, 'the cloud rejected a session event; kept in the journal only');
    const settled = results.filter((r) => r.status !== 'deferred');
    if (settled.length < results.length)
      this.deps.logger.warn(
        { deferred: results.length - settled.length, reason: results.find((r) => r.status === 'deferred')?.reason },
        'the cloud holds session events back; sending them again later',
      );
    this.deps.outbox.remove(settled.map((r) => r.key));
    this.lastAckAt = new Date(this.deps.clock.now()).toISOString();
    if (this.inFlight?.id !== re) return this.kick();
    this.inFlight.timer.cancel();
    this.inFlight = null;
    if (settled.length > 0 || results.length === 0) {
      this.retries = 0;
      return this.kick();
    }
    // Nothing settled: hold the drain for the retry wait (a "batch" in flight with no message).
    const id = `wait:${re}`;
    this.retries++;
    this.inFlight = {
      id,
      timer: this.deps.clock.setTimer(this.retryWait(), () => {
        if (this.inFlight?.id !== id) return;
        this.inFlight = null;
        this.kick();
      }),
    };
  }

  start(): void {
    this.running = true;
    this.retries = 0;
    this.kick();
  }

  /** The link dropped: forget the batch in flight (it is sent again after reconnect). */
  pause(): void {
    this.running = false;
    this.inFlight?.timer.cancel();
    this.inFlight = null;
  }
}
