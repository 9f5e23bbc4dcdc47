// Opens the cloud's SQLite database: WAL journal (checkpointed every WAL_CHECKPOINT_PAGES), foreign
// keys on, a busy timeout, then the numbered migrations. `:memory:` gives a throwaway database for unit tests. No queries live here.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadMigrations, migrate } from './migrate.js';

export type Db = Database.Database;

export const DB_FILE = 'pilegate-cloud.sqlite';

/**
 * WAL pages (4 KiB) between automatic checkpoints: 16 MiB instead of SQLite's 4 MiB. A batch of
 * session events dirties pages all over the tables keyed by random session ids; checkpointing every
 * 4 MiB wrote the same hot pages back again and again (sync.ingest: +20 % sessions/s at 16 MiB, no
 * gain above it). The WAL file is bounded by it (and truncated back on close).
 */
export const WAL_CHECKPOINT_PAGES = 4_000;

/** Opens (creating if needed) `dataDir/pilegate-cloud.sqlite`, or an in-memory database for `':memory:'`. */
export function openDatabase(dataDir: string | ':memory:'): Db {
  let db: Db;
  if (dataDir === ':memory:') {
    db = new Database(':memory:');
  } else {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DB_FILE);
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const file = dataDir === ':memory:' ? null : join(dataDir, DB_FILE);
  migrate(db, loadMigrations(), file ? (from) => `${file}.v${from}.bak` : undefined);
  return db;
}
