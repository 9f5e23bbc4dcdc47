// The two engines hold the same schema: every SQLite table of the migrated cloud database exists in
// PostgreSQL (after migratePostgres) with the same columns, the same NOT NULL columns and the same
// primary key; and the triggers behave the same — one script of registry changes, run on both through
// the store, leaves the same dirty marks for the station views, and the money range guards refuse the
// same writes with an "out of range" error the services recognise. The PostgreSQL down migrations undo
// everything.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pgDriver from 'pg';
import { migratePostgres, PG_MIGRATIONS_DIR } from '../../src/persistence/postgres/migrate.js';
import { loadMigrations } from '../../src/persistence/sqlite/migrate.js';
import { openDatabase } from '../../src/persistence/sqlite/db.js';
import { postgresStore, sqliteStore, type Store } from '../../src/store/store.js';
import { PostgresServer } from '../providers/postgres-server.js';

type Shape = Map<string, { columns: string[]; notNull: string[]; pk: string[] }>;

let server: PostgresServer;
let pg: Store;
let lite: Store;
let sqliteShape: Shape;
let pgShape: Shape;

beforeAll(async () => {
  server = await PostgresServer.start();
  const url = await server.createDatabase('parity');
  await migratePostgres(url);
  pg = postgresStore(url);
  const db = openDatabase(':memory:');
  lite = sqliteStore(db);
  sqliteShape = new Map();
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]) {
    const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; notnull: number; pk: number }[];
    sqliteShape.set(name, {
      columns: cols.map((c) => c.name).sort(),
      // A primary-key column is never null (SQLite only enforces it for WITHOUT ROWID and INTEGER keys).
      notNull: cols
        .filter((c) => c.notnull || c.pk)
        .map((c) => c.name)
        .sort(),
      pk: cols
        .filter((c) => c.pk)
        .map((c) => c.name)
        .sort(),
    });
  }
  const cols = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`.execute(pg.db);
  const pks = await sql<{ table_name: string; column_name: string }>`
    SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'`.execute(pg.db);
  pgShape = new Map();
  for (const c of cols.rows) {
    if (c.table_name === 'schema_migrations') continue;
    const t = pgShape.get(c.table_name) ?? { columns: [], notNull: [], pk: [] };
    t.columns.push(c.column_name);
    if (c.is_nullable === 'NO') t.notNull.push(c.column_name);
    pgShape.set(c.table_name, t);
  }
  for (const k of pks.rows) pgShape.get(k.table_name)?.pk.push(k.column_name);
  for (const t of pgShape.values()) for (const list of [t.columns, t.notNull, t.pk]) list.sort();
}, 60_000);

afterAll(async () => {
  await pg?.close();
  await lite?.close();
  await server?.close();
});

const AT = '2026-05-01T08:00:00.000Z';

/** The same registry changes on either engine; returns the dirty marks they left, sorted. */
async function registryScript(store: Store): Promise<string[]> {
  const db = store.db;
  const id = async (q: ReturnType<typeof sql<{ id: number }>>) => Number((await q.execute(db)).rows[0].id);
  const deptA = await id(sql<{ id: number }>`INSERT INTO departments (name, created_at) VALUES (${'公交一公司'}, ${AT}) RETURNING id`);
  const deptB = await id(sql<{ id: number }>`INSERT INTO departments (name, parent_id, created_at) VALUES (${'一车队'}, ${deptA}, ${AT}) RETURNING id`);
  const admin = await id(sql<{ id: number }>`INSERT INTO members (kind, name, created_at) VALUES ('virtual', ${'站点通卡'}, ${AT}) RETURNING id`);
  const other = await id(sql<{ id: number }>`INSERT INTO members (kind, name, department_id, created_at) VALUES ('real', ${'沪A1'}, ${deptB}, ${AT}) RETURNING id`);
  const station = await id(sql<{ id: number }>`INSERT INTO stations (name, admin_member_id, tariff_json, created_at) VALUES (${'一号场站'}, ${admin}, '{}', ${AT}) RETURNING id`);
  await sql`DELETE FROM view_dirty`.execute(db);
  await sql`UPDATE stations SET admin_member_id = ${other} WHERE id = ${station}`.execute(db);
  await sql`INSERT INTO department_stations (department_id, station_id) VALUES (${deptB}, ${station})`.execute(db);
  await sql`INSERT INTO department_stop_passwords (department_id, version, hash, created_at) VALUES (${deptA}, 1, 'h', ${AT})`.execute(db);
  await sql`INSERT INTO cards (card_no, member_id, created_at) VALUES ('C1', ${other}, ${AT})`.execute(db);
  await sql`UPDATE cards SET card_no = 'C2' WHERE card_no = 'C1'`.execute(db);
  await sql`INSERT INTO vehicles (vin, plate, department_id, created_at, updated_at) VALUES ('V1', 'P1', ${deptB}, ${AT}, ${AT})`.execute(db);
  await sql`UPDATE vehicles SET vin = 'V2' WHERE vin = 'V1'`.execute(db);
  await sql`UPDATE members SET balance_fen = 500 WHERE id = ${other}`.execute(db);
  await sql`DELETE FROM cards WHERE card_no = 'C2'`.execute(db);
  await sql`DELETE FROM vehicles WHERE vin = 'V2'`.execute(db);
  await sql`DELETE FROM department_stations WHERE department_id = ${deptB}`.execute(db);
  await sql`UPDATE departments SET balance_fen = 100 WHERE id = ${deptA}`.execute(db);
  const gone = await id(sql<{ id: number }>`INSERT INTO departments (name, created_at) VALUES (${'撤销车队'}, ${AT}) RETURNING id`);
  await sql`DELETE FROM departments WHERE id = ${gone}`.execute(db);
  const leaver = await id(sql<{ id: number }>`INSERT INTO members (kind, name, created_at) VALUES ('real', ${'沪A9'}, ${AT}) RETURNING id`);
  await sql`DELETE FROM members WHERE id = ${leaver}`.execute(db);
  const marks = await sql<{ scope: string; key: string }>`SELECT scope, key FROM view_dirty`.execute(db);
  // Ids differ between engines only if their sequences do; name them by role (per kind of id) to compare.
  const roles: Record<string, Record<string, string>> = {
    department: { [deptA]: 'deptA', [deptB]: 'deptB', [gone]: 'gone' },
    'department-scope': { [deptA]: 'deptA', [deptB]: 'deptB', [gone]: 'gone' },
    member: { [admin]: 'admin', [other]: 'other', [leaver]: 'leaver' },
    station: { [station]: 'station' },
  };
  return marks.rows.map((m) => `${m.scope}:${roles[m.scope]?.[String(m.key)] ?? m.key}`).sort();
}

describe('schema parity between SQLite and PostgreSQL', () => {
  it('every SQLite table exists in PostgreSQL with the same columns, NOT NULL columns and primary key', () => {
    expect([...pgShape.keys()].sort()).toEqual([...sqliteShape.keys()].sort());
    for (const [table, shape] of sqliteShape) expect(pgShape.get(table), table).toEqual(shape);
  });

  it('the registry triggers leave the same dirty marks for the station views', async () => {
    const onSqlite = await registryScript(lite);
    expect(onSqlite).toContain('member:other');
    expect(onSqlite, onSqlite.join(' ')).toContain('department-scope:deptB');
    expect(onSqlite).toEqual(expect.arrayContaining(['department:gone', 'department-scope:gone', 'member:leaver']));
    expect(await registryScript(pg)).toEqual(onSqlite);
  });

  it('the money range guards refuse the same writes on both', async () => {
    for (const store of [lite, pg]) {
      const d = Number((await sql<{ id: number }>`INSERT INTO departments (name, created_at) VALUES ('guard', ${AT}) RETURNING id`.execute(store.db)).rows[0].id);
      await expect(sql`UPDATE departments SET balance_fen = 1000000000001 WHERE id = ${d}`.execute(store.db), store.engine).rejects.toThrow(/out of range/);
      await sql`UPDATE departments SET balance_fen = 1000000000000 WHERE id = ${d}`.execute(store.db);
      const ledger = (amount: number) =>
        sql`INSERT INTO ledger (owner_kind, owner_id, kind, amount_fen, balance_after_fen, created_at) VALUES ('department', ${d}, 'top-up', ${amount}, 0, ${AT})`.execute(store.db);
      await expect(ledger(100000000001), store.engine).rejects.toThrow(/out of range/);
      await ledger(100000000000);
      const session = (amount: number, energy: number) =>
        sql`INSERT INTO sessions (session_id, pile_id, connector_id, station_id, mode, credential_kind, vin_status, payer_kind, payer_id, vehicle_key,
              meter_start_wh, meter_stop_wh, energy_wh, amount_fen, billed, started_at, started_ms, stopped_at, day, stop_reason, ingested_at)
            VALUES (${`S${amount}-${energy}`}, 'P', 1, 1, 1, 'card', 'absent', 'member', 1, 'k', 0, ${energy}, ${energy}, ${amount}, 1, ${AT}, 0, ${AT}, '2026-05-01', 'user', ${AT})`.execute(
          store.db,
        );
      await expect(session(-1, 10), store.engine).rejects.toThrow(/out of range/);
      await expect(session(1, 100000001), store.engine).rejects.toThrow(/out of range/);
      await session(1, 100000000);
    }
  });

  it('the PostgreSQL down migrations, newest first, remove everything the up migrations made', async () => {
    const url = await server.createDatabase('updown');
    await migratePostgres(url);
    const c = new pgDriver.Client({ connectionString: url });
    await c.connect();
    try {
      for (const m of loadMigrations(PG_MIGRATIONS_DIR).reverse()) await c.query(m.down);
      const left = await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      const functions = await c.query("SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'");
      expect(left.rows.map((r) => r.table_name)).toEqual(['schema_migrations']);
      expect(functions.rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  });
});
