// openDatabase and the migration runner on real files: pragmas, migrating up and down, the backup
// copy taken before an existing database changes schema, a failing migration rolled back, and the
// checks on the migration files themselves (pairs, naming, numbering).
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import { nullLogger } from '../../shared/logger.js';
import { aCard, snapshotPage } from '../../domain/authorization/whitelist.builders.js';
import { openDatabase } from './db.js';
import { AGENT_MIGRATIONS_DIR, loadMigrations } from './migrations.js';
import { SqliteWhitelistRepo } from './whitelist.repo.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-db-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A migrations dir holding the agent's migrations plus extra files. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = tempDir();
  for (const f of ['0001_up-whitelist.sql', '0001_down-whitelist.sql']) copyFileSync(join(AGENT_MIGRATIONS_DIR, f), join(dir, f));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

/** The agent's migrations up to 0001 only: the baseline the custom-0002 tests below build on. */
const whitelistOnly = () => loadMigrations(migrationsWith({}));
const LATEST = loadMigrations(AGENT_MIGRATIONS_DIR).length;

const tables = (db: BetterSqlite3.Database) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];

const migrationCode = (fn: () => unknown): AgentErrorCode | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AgentError) return e.code;
    throw e;
  }
  return undefined;
};

describe('openDatabase', () => {
  it('creates a new file at the latest schema with WAL, synchronous FULL and foreign keys, without a backup', () => {
    const path = join(tempDir(), 'agent.db');
    const { db, migration } = openDatabase({ path, logger: nullLogger });
    expect(migration).toEqual({ from: 0, to: LATEST, backup: null });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(tables(db)).toEqual(expect.arrayContaining(['whitelist_meta', 'wl_card', 'wl_department', 'wl_fixed_password', 'wl_vehicle']));
    db.close();
    expect(existsSync(`${path}.v0.bak`)).toBe(false);
  });

  it('reopening a database already at the latest schema migrates nothing', () => {
    const path = join(tempDir(), 'agent.db');
    openDatabase({ path, logger: nullLogger }).db.close();
    const again = openDatabase({ path, logger: nullLogger });
    expect(again.migration).toEqual({ from: LATEST, to: LATEST, backup: null });
    again.db.close();
  });

  it('backs up an existing database before migrating it, then applies the new pair', () => {
    const path = join(tempDir(), 'agent.db');
    const v1 = openDatabase({ path, logger: nullLogger, migrations: whitelistOnly() });
    new SqliteWhitelistRepo({ db: v1.db, logger: nullLogger }).applyPage(snapshotPage(3, { cards: [aCard({ cardNo: 'C001' })] }));
    v1.db.close();

    const dir = migrationsWith({
      '0002_up-session-journal.sql': 'CREATE TABLE journal (id INTEGER PRIMARY KEY, event TEXT NOT NULL) STRICT;',
      '0002_down-session-journal.sql': 'DROP TABLE journal;',
    });
    const v2 = openDatabase({ path, logger: nullLogger, migrations: loadMigrations(dir) });
    expect(v2.migration).toEqual({ from: 1, to: 2, backup: `${path}.v1.bak` });
    expect(tables(v2.db)).toContain('journal');
    expect(new SqliteWhitelistRepo({ db: v2.db, logger: nullLogger }).card('C001')).toBeDefined();
    v2.db.close();

    const backup = new BetterSqlite3(`${path}.v1.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(backup)).not.toContain('journal');
    expect(backup.prepare('SELECT card_no FROM wl_card').pluck().all()).toEqual(['C001']);
    backup.close();
  });

  it('migrates down step by step to version 0 and up again', () => {
    const path = join(tempDir(), 'agent.db');
    const dir = migrationsWith({ '0002_up-extra.sql': 'CREATE TABLE extra (x INTEGER) STRICT;', '0002_down-extra.sql': 'DROP TABLE extra;' });
    const migrations = loadMigrations(dir);
    openDatabase({ path, logger: nullLogger, migrations }).db.close();
    const down = openDatabase({ path, logger: nullLogger, migrations, targetVersion: 0 });
    expect(down.migration).toEqual({ from: 2, to: 0, backup: `${path}.v2.bak` });
    expect(down.db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(down.db)).toEqual([]);
    down.db.close();
    const up = openDatabase({ path, logger: nullLogger, migrations });
    expect(up.migration.to).toBe(2);
    expect(tables(up.db)).toContain('wl_card');
    up.db.close();
  });

  it('a failing migration is rolled back whole: the schema stays at the last good version', () => {
    const path = join(tempDir(), 'agent.db');
    openDatabase({ path, logger: nullLogger, migrations: whitelistOnly() }).db.close();
    const dir = migrationsWith({
      '0002_up-broken.sql': 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);',
      '0002_down-broken.sql': 'DROP TABLE half;',
    });
    expect(migrationCode(() => openDatabase({ path, logger: nullLogger, migrations: loadMigrations(dir) }))).toBe(AgentErrorCode.StorageMigration);
    const db = new BetterSqlite3(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('a migration that leaves a dangling foreign key is rolled back', () => {
    const path = join(tempDir(), 'agent.db');
    const dir = migrationsWith({
      '0002_up-fk.sql': `CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));
        INSERT INTO child VALUES (1, 99);`,
      '0002_down-fk.sql': 'DROP TABLE child; DROP TABLE parent;',
    });
    expect(migrationCode(() => openDatabase({ path, logger: nullLogger, migrations: loadMigrations(dir) }))).toBe(AgentErrorCode.StorageMigration);
    const db = new BetterSqlite3(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('child');
    db.close();
  });

  it('refuses a database whose schema is newer than the agent knows', () => {
    const path = join(tempDir(), 'agent.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 9');
    raw.close();
    expect(migrationCode(() => openDatabase({ path, logger: nullLogger }))).toBe(AgentErrorCode.StorageMigration);
  });
});

describe('loadMigrations', () => {
  it('reads the agent migrations as numbered pairs', () => {
    expect(loadMigrations(AGENT_MIGRATIONS_DIR).map((m) => [m.version, m.name])).toEqual([
      [1, 'whitelist'],
      [2, 'session-journal'],
      [3, 'whitelist-station'],
    ]);
  });

  it.each([
    ['a missing down file', { '0002_up-x.sql': 'SELECT 1;' }],
    ['a gap in the numbering', { '0003_up-x.sql': 'SELECT 1;', '0003_down-x.sql': 'SELECT 1;' }],
    ['a file not following the naming', { '0002-up.sql': 'SELECT 1;' }],
    ['a pair whose names differ', { '0002_up-x.sql': 'SELECT 1;', '0002_down-y.sql': 'SELECT 1;' }],
  ])('rejects %s', (_name, extra) => {
    expect(migrationCode(() => loadMigrations(migrationsWith(extra)))).toBe(AgentErrorCode.StorageMigration);
  });
});
