// The outbox in SQLite (table of migration 0002): records written by journal.repo.ts in the same
// transaction as their journal event, kept in insertion order until the cloud acknowledges them.
// `ack(upToKey)` deletes every record up to and including that key; the MQTT sync (a later issue)
// calls it. Delivery is at least once; the key `sessionId:seq` lets the cloud apply each record once.
import type { Database, Statement } from 'better-sqlite3';
import type { OutboxPayload, OutboxRecord, OutboxRepo } from '../../domain/session/journal.repo.js';
import type { Logger } from '../../shared/logger.js';

export interface SqliteOutboxRepoDeps {
  /** A database migrated to at least schema 2. */
  readonly db: Database;
  readonly logger: Logger;
}

type Raw = { key: string; kind: string; payload: string; createdAt: string };

export class SqliteOutboxRepo implements OutboxRepo {
  private readonly db: Database;
  private readonly log: Logger;
  private readonly q: Record<string, Statement>;

  constructor(deps: SqliteOutboxRepoDeps) {
    this.db = deps.db;
    this.log = deps.logger.child({ ns: 'agent:persistence:outbox' });
    const p = (sql: string) => this.db.prepare(sql);
    this.q = {
      pending: p('SELECT key, kind, payload, created_at AS createdAt FROM outbox ORDER BY pos LIMIT ?'),
      // Keys are `sessionId:seq`: one session's records are the key range [`id:`, `id;`) (';' follows ':').
      pendingOf: p('SELECT key, kind, payload, created_at AS createdAt FROM outbox WHERE key >= ? AND key < ? ORDER BY pos LIMIT ?'),
      count: p('SELECT count(*) FROM outbox').pluck(),
      posOf: p('SELECT pos FROM outbox WHERE key = ?').pluck(),
      deleteUpTo: p('DELETE FROM outbox WHERE pos <= ?'),
      deleteKey: p('DELETE FROM outbox WHERE key = ?'),
    };
  }

  pending(limit = 100): readonly OutboxRecord[] {
    return (this.q.pending.all(limit) as Raw[]).map((r) => ({ key: r.key, kind: r.kind, createdAt: r.createdAt, payload: JSON.parse(r.payload) as OutboxPayload }));
  }

  pendingOf(sessionId: string, limit = 100): readonly OutboxRecord[] {
    return (this.q.pendingOf.all(`${sessionId}:`, `${sessionId};`, limit) as Raw[]).map((r) => ({ key: r.key, kind: r.kind, createdAt: r.createdAt, payload: JSON.parse(r.payload) as OutboxPayload }));
  }

  count(): number {
    return this.q.count.get() as number;
  }

  remove(keys: readonly string[]): number {
    return this.db.transaction(() => keys.reduce((n, k) => n + this.q.deleteKey.run(k).changes, 0)).immediate();
  }

  ack(upToKey: string): number {
    return this.db
      .transaction(() => {
        const pos = this.q.posOf.get(upToKey) as number | undefined;
        if (pos === undefined) {
          this.log.warn({ key: upToKey }, 'outbox ack for an unknown key ignored');
          return 0;
        }
        return this.q.deleteUpTo.run(pos).changes;
      })
      .immediate();
  }
}
