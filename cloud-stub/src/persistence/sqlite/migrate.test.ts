// Numbered migrations: applied in order inside one transaction each, user_version tracked, a backup
// taken before migrating an existing database, a failing migration leaves nothing half-applied.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, migrateDown, schemaVersion } from './migrate.js';
import { openDatabase, WAL_CHECKPOINT_PAGES } from './db.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pilegate-migrate-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writeSet(dir: string, files: Record<string, string>): void {
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
}

describe('loadMigrations', () => {
  it('reads the shipped pairs in order', () => {
    const ms = loadMigrations();
    expect(ms.map((m) => m.version)).toEqual(ms.map((_, i) => i + 1));
    expect(ms[0].name).toBe('init');
  });
  it('refuses a gap, a missing down file and a bad name', () => {
    const a = tmp();
    writeSet(a, { '0001_up-a.sql': '', '0001_down-a.sql': '', '0003_up-c.sql': '', '0003_down-c.sql': '' });
    expect(() => loadMigrations(a)).toThrow(/1, 2, 3/);
    const b = tmp();
    writeSet(b, { '0001_up-a.sql': '' });
    expect(() => loadMigrations(b)).toThrow(/down/);
    const c = tmp();
    writeSet(c, { 'init.sql': '' });
    expect(() => loadMigrations(c)).toThrow(/NNNN/);
  });
});

describe('migrate', () => {
  it('applies pending migrations once and tracks user_version; down reverts', () => {
    const dir = tmp();
    writeSet(dir, {
      '0001_up-a.sql': 'CREATE TABLE a (x INTEGER);',
      '0001_down-a.sql': 'DROP TABLE a;',
      '0002_up-b.sql': 'CREATE TABLE b (y INTEGER);',
      '0002_down-b.sql': 'DROP TABLE b;',
    });
    const db = new Database(':memory:');
    expect(migrate(db, loadMigrations(dir))).toBe(2);
    expect(migrate(db, loadMigrations(dir))).toBe(2);
    expect(migrateDown(db, loadMigrations(dir), 1)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['a']);
  });

  it('rolls back a failing migration entirely and keeps the previous version', () => {
    const dir = tmp();
    writeSet(dir, {
      '0001_up-a.sql': 'CREATE TABLE a (x INTEGER);',
      '0001_down-a.sql': 'DROP TABLE a;',
      '0002_up-b.sql': 'CREATE TABLE b (y INTEGER); INSERT INTO nope VALUES (1);',
      '0002_down-b.sql': 'DROP TABLE b;',
    });
    const db = new Database(':memory:');
    expect(() => migrate(db, loadMigrations(dir))).toThrow(/nope/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('backs up an existing database before migrating it', () => {
    const dir = tmp();
    const set = tmp();
    writeSet(set, { '0001_up-a.sql': 'CREATE TABLE a (x INTEGER);', '0001_down-a.sql': 'DROP TABLE a;' });
    const file = join(dir, 'x.sqlite');
    const db = new Database(file);
    migrate(db, loadMigrations(set), (from) => `${file}.v${from}.bak`);
    expect(existsSync(`${file}.v0.bak`)).toBe(false); // a fresh database needs no backup
    writeSet(set, { '0002_up-b.sql': 'CREATE TABLE b (y INTEGER);', '0002_down-b.sql': 'DROP TABLE b;' });
    migrate(db, loadMigrations(set), (from) => `${file}.v${from}.bak`);
    expect(existsSync(`${file}.v1.bak`)).toBe(true);
    db.close();
  });

  it('opens the real schema with WAL and foreign keys on', () => {
    const db = openDatabase(tmp());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CHECKPOINT_PAGES);
    expect(() => db.prepare("INSERT INTO vehicles VALUES ('V', 'P', 42, 't', 't')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0002 backfills the per-day rollup from existing sessions, and down removes it', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    migrate(db, all.slice(0, 1));
    const ins = db.prepare(
      `INSERT INTO sessions (session_id, pile_id, connector_id, station_id, mode, credential_kind, card_no, vin, vin_status, plate, payer_kind, payer_id,
         department_id, vehicle_key, meter_start_wh, meter_stop_wh, energy_wh, amount_fen, billed, started_at, started_ms, stopped_at, day, stop_reason, ingested_at)
       VALUES (?, 'P1', 1, 1, 2, 'card', ?, NULL, 'absent', NULL, 'department', 2, ?, ?, 0, ?, ?, ?, 1, 't', 0, 't', '2024-05-01', 'bms-full', 't')`,
    );
    ins.run('s1', 'C1', 2, 'card:C1', 1000, 1000, 100);
    ins.run('s2', 'C1', 2, 'card:C1', 500, 500, 50);
    ins.run('s3', null, null, 'VIN00000000000001', 700, 700, 70);
    migrate(db, all);
    expect(db.prepare('SELECT department_id, vehicle_key, vin, card_no, sessions, energy_wh, amount_fen FROM session_days ORDER BY department_id').raw().all()).toEqual([
      [0, 'VIN00000000000001', 'VIN00000000000001', null, 1, 700, 70],
      [2, 'card:C1', null, 'C1', 2, 1500, 150],
    ]);
    expect(migrateDown(db, all, 1)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'session_days'").get()).toBeUndefined();
  });

  it('0008 marks the events held behind a gap as pending, and only those', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    migrate(db, all.slice(0, 7));
    db.prepare(`INSERT INTO live_sessions (pile_id, session_id, connector_id, station_id, applied_seq, started_at, last_event_at, state)
      VALUES ('P1', 's1', 1, 1, 2, 't', 't', 'open')`).run();
    const ev = db.prepare("INSERT INTO session_events (pile_id, session_id, seq, kind, at, data_json, received_at) VALUES ('P1', ?, ?, ?, 't', '{}', 't')");
    ev.run('s1', 1, 'session.started');
    ev.run('s1', 2, 'session.vin');
    ev.run('s1', 5, 'session.meter');
    ev.run('s2', 3, 'session.meter'); // a session whose start never came
    ev.run('r1', 1, 'session.refused');
    migrate(db, all);
    expect(db.prepare("SELECT session_id || ':' || seq FROM session_events WHERE pending = 1 ORDER BY 1").pluck().all()).toEqual(['s1:5', 's2:3']);
    expect(migrateDown(db, all, 7)).toBe(7);
    expect(db.prepare('SELECT count(*) FROM session_events').pluck().get()).toBe(5);
  });
});
