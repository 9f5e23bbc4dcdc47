// Opens the cloud's SQLite database: WAL journal, foreign keys on, a busy timeout, then the
// numbered migrations. `:memory:` gives a throwaway database for unit tests. No queries live here.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadMigrations, migrate } from './migrate.js';

export type Db = Database.Database;

export const DB_FILE = 'pilegate-cloud.sqlite';

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
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const file = dataDir === ':memory:' ? null : join(dataDir, DB_FILE);
  migrate(db, loadMigrations(), file ? (from) => `${file}.v${from}.bak` : undefined);
  return db;
}
