// The store: the cloud's storage reached through one query layer, kysely, over either engine —
// SQLite through better-sqlite3 (the embedded default; the same handle the not-yet-moved services
// use) or PostgreSQL through a pg pool. Repositories are written once against `Store` and run on
// both; a transaction is `store.db.transaction().execute(async (trx) => …)`, the one transaction port.
// PostgreSQL's bigint comes back as a JavaScript number (fen and Wh stay far below 2^53).
// Everything that differs between the engines is here: `bytewise` ordering, `instantMs`, what a
// unique violation looks like, and `exclusive(trx, name)`, which serialises the transactions that
// read, decide and write on a rule spanning rows (the last enabled operator): PostgreSQL takes a
// transaction-scoped advisory lock; SQLite's transactions already run one at a time on its one connection.
import { Kysely, PostgresDialect, SqliteDialect, sql, type RawBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import type { Db } from '../persistence/sqlite/db.js';
import type { CloudTables } from './tables.js';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<CloudTables>;
  readonly engine: Engine;
  /** Within `trx`: waits until no other transaction holds `name`, and holds it until `trx` ends. */
  exclusive(trx: Transaction<CloudTables>, name: string): Promise<void>;
  /** Closes the engine's connections (the SQLite handle stays with its owner). */
  close(): Promise<void>;
}

const INT8 = 20;

/** True for a unique-constraint violation on either engine. */
export function isUniqueViolation(e: unknown): boolean {
  const x = e as { code?: string; message?: string };
  return x?.code === '23505' || x?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(x?.message ?? '');
}

/** The collation that orders text bytewise: SQLite's default; `COLLATE "C"` on PostgreSQL, whatever the database's locale. */
export const bytewise = (store: Store): RawBuilder<unknown> => (store.engine === 'postgres' ? sql`COLLATE "C"` : sql``);

/** An ISO 8601 text column as epoch milliseconds (with or without fractions, any offset): compare instants, not text. */
export function instantMs(store: Store, column: string): RawBuilder<number> {
  return store.engine === 'postgres'
    ? sql<number>`CAST(ROUND(EXTRACT(EPOCH FROM CAST(${sql.ref(column)} AS TIMESTAMPTZ)) * 1000) AS BIGINT)`
    : sql<number>`CAST(ROUND(unixepoch(${sql.ref(column)}, 'subsec') * 1000) AS INTEGER)`;
}

/** The store on an open SQLite database (migrated by openDatabase). */
export function sqliteStore(db: Db): Store {
  // The handle is shared with the services still on statements: kysely must not close it.
  const k = new Kysely<CloudTables>({ dialect: new SqliteDialect({ database: { prepare: (q: string) => db.prepare(q), close: () => undefined } }) });
  return { db: k, engine: 'sqlite', exclusive: async () => undefined, close: () => k.destroy() };
}

/**
 * The store on a PostgreSQL database (migrate it first: postgres/migrate.ts). An idle connection the
 * server drops (a restart, a failover) is reported to `onIdleError` and replaced at the next query.
 */
export function postgresStore(url: string, o: { readonly maxConnections?: number; readonly onIdleError?: (e: Error) => void } = {}): Store {
  const pool = new pg.Pool({ connectionString: url, max: o.maxConnections ?? 10 });
  pool.on('error', (e) => o.onIdleError?.(e));
  pool.on('connect', (client) => {
    client.setTypeParser(INT8, (v: string) => Number(v));
  });
  const k = new Kysely<CloudTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db: k,
    engine: 'postgres',
    exclusive: async (trx, name) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
    },
    close: () => k.destroy(),
  };
}
