// Opens the agent's SQLite database (better-sqlite3) with the settings that make it survive power
// cuts, then brings its schema up to date through the migration runner (migrations.ts). The one
// place that sets connection pragmas; repositories receive the open handle.
//
// Durability choice: WAL + synchronous=FULL. In WAL mode NORMAL keeps the file consistent but may
// lose the last committed transactions on power loss; the session journal must hold every event it
// acknowledged (docs/charging-modes.md rule 6), and commits are rare (session events, sync pages), so each commit
// pays one fsync of the WAL. Checkpoints stay automatic (wal_autocheckpoint, 1000 pages).
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../../shared/logger.js';
import { AGENT_MIGRATIONS_DIR, loadMigrations, migrate, type Migration, type MigrateReport } from './migrations.js';

export type { Database } from 'better-sqlite3';

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests (no WAL, no backup). */
  readonly path: string;
  readonly logger: Logger;
  /** Default: every migration in AGENT_MIGRATIONS_DIR. */
  readonly migrations?: readonly Migration[];
  /** Default: the latest migration. */
  readonly targetVersion?: number;
  /** Page cache per connection in KiB (SQLite `cache_size`); default 4096 (4 MiB: the 100k+100k cache still decides in well under 0.1 ms at p99; see the auth bench). */
  readonly cacheKiB?: number;
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly migration: MigrateReport;
}

/** Backup file for a database at schema `fromVersion`: `<path>.v<from>.bak`, replaced each time. */
export const backupPathFor = (path: string) => (fromVersion: number) => `${path}.v${fromVersion}.bak`;

/**
 * Opens (creating if needed) and migrates the database. Throws AgentError (StorageMigration) when
 * the schema cannot be brought up to date; the database is then left at its last good version.
 */
export function openDatabase(opts: OpenDatabaseOptions): OpenedDatabase {
  const memory = opts.path === ':memory:';
  const db = new BetterSqlite3(opts.path);
  try {
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${Math.max(256, Math.floor(opts.cacheKiB ?? 4096))}`);
    const migration = migrate(db, {
      migrations: opts.migrations ?? loadMigrations(AGENT_MIGRATIONS_DIR),
      target: opts.targetVersion,
      backupPath: memory ? null : backupPathFor(opts.path),
      logger: opts.logger.child({ ns: 'agent:persistence:db' }),
    });
    return { db, migration };
  } catch (e) {
    db.close();
    throw e;
  }
}
