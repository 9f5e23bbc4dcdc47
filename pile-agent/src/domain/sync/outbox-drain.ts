// The outbox drain (contract "session/events" / "session/ack"): sends the oldest unacknowledged
// records in batches, one batch in flight, and deletes exactly the keys the cloud's ack lists; an
// unanswered batch is sent again after `ackTimeoutMs`. Records stay in the outbox until acknowledged,
// so a restart or a lost link never loses one (at least once; the cloud applies each once).
import { randomUUID } from 'node:crypto';
import type { OutboxRepo } from '../session/journal.repo.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { Logger } from '../../shared/logger.js';

export interface OutboxDrainDeps {
  readonly outbox: OutboxRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Publishes one encoded message of `kind`; rejects when the link is down. */
  readonly publish: (kind: string, json: string) => Promise<void>;
  readonly batchSize: number;
  readonly ackTimeoutMs: number;
}

export class OutboxDrain {
  private inFlight: { id: string; timer: TimerHandle } | null = null;
  private running = false;
  lastAckAt: string | null = null;

  constructor(private readonly deps: OutboxDrainDeps) {}

  /** Sends the next batch if none is in flight and records wait. */
  kick(): void {
    if (!this.running || this.inFlight) return;
    const records = this.deps.outbox.pending(this.deps.batchSize);
    if (records.length === 0) return;
    const id = randomUUID();
    const timer = this.deps.clock.setTimer(this.deps.ackTimeoutMs, () => {
      if (this.inFlight?.id !== id) return;
      this.deps.logger.warn({ batch: id }, 'session/ack not received; sending again');
      this.inFlight = null;
      this.kick();
    });
    this.inFlight = { id, timer };
    const message = JSON.stringify({ v: 1, id, at: new Date(this.deps.clock.now()).toISOString(), events: records.map((r) => r.payload) });
    this.deps.publish('session/events', message).catch((e: Error) => {
      if (this.inFlight?.id !== id) return;
      this.deps.logger.warn({ err: e.message }, 'session events not sent');
      timer.cancel();
      this.inFlight = null;
    });
  }

  /** The cloud's ack: delete every listed key (rejected ones are logged: they can never apply). */
  onAck(re: string, results: readonly { key: string; status: string; reason?: string }[]): void {
    for (const r of results) if (r.status === 'rejected') this.deps.logger.error({ key: r.key, reason: r.reason }, 'the cloud rejected a session event; kept in the journal only');
    this.deps.outbox.remove(results.map((r) => r.key));
    this.lastAckAt = new Date(this.deps.clock.now()).toISOString();
    if (this.inFlight?.id === re) {
      this.inFlight.timer.cancel();
      this.inFlight = null;
    }
    this.kick();
  }

  start(): void {
    this.running = true;
    this.kick();
  }

  /** The link dropped: forget the batch in flight (it is sent again after reconnect). */
  pause(): void {
    this.running = false;
    this.inFlight?.timer.cancel();
    this.inFlight = null;
  }
}
