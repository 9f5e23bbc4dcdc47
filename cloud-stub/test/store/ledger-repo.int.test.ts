// The ledger on both engines, under concurrency: twenty top-ups of one pool at once leave exactly
// their sum and twenty entries whose balances after are each step of it (none lost, none doubled);
// ten posts of one session's debit at once debit it once; an entry out of range or for an unknown
// owner changes nothing. SQLite (the cloud's own schema) and PostgreSQL (a server the test starts).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRepo } from '../../src/domain/ledger/ledger.repo.js';
import { migratePostgres } from '../../src/persistence/postgres/migrate.js';
import { openDatabase } from '../../src/persistence/sqlite/db.js';
import { storeLedgerRepo } from '../../src/store/ledger.store.js';
import { postgresStore, sqliteStore, type Store } from '../../src/store/store.js';
import { PostgresServer } from '../providers/postgres-server.js';

const AT = '2024-05-01T08:00:00.000Z';
let server: PostgresServer;
const engines: { name: string; store: Store }[] = [];

beforeAll(async () => {
  server = await PostgresServer.start();
  const url = await server.createDatabase('ledger');
  await migratePostgres(url);
  engines.push({ name: 'SQLite', store: sqliteStore(openDatabase(':memory:')) }, { name: 'PostgreSQL', store: postgresStore(url) });
}, 60_000);
afterAll(async () => {
  for (const e of engines) await e.store.close();
  await server?.close();
});

async function department(store: Store, name: string): Promise<number> {
  return Number((await sql<{ id: number }>`INSERT INTO departments (name, created_at) VALUES (${name}, ${AT}) RETURNING id`.execute(store.db)).rows[0].id);
}
const balance = async (store: Store, id: number) => Number((await sql<{ b: number }>`SELECT balance_fen AS b FROM departments WHERE id = ${id}`.execute(store.db)).rows[0].b);
const entries = async (store: Store, id: number) => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ledger WHERE owner_id = ${id}`.execute(store.db)).rows[0].n);

describe('the ledger on SQLite and PostgreSQL', () => {
  it('twenty top-ups at once: the exact sum, every balance-after step once', async () => {
    for (const { name, store } of engines) {
      const repo: LedgerRepo = storeLedgerRepo(store);
      const d = await department(store, `top-ups ${name}`);
      const posted = await Promise.all(Array.from({ length: 20 }, () => repo.post({ owner: { kind: 'department', id: d }, kind: 'top-up', amountFen: 100, note: null, accountId: 1, at: AT })));
      expect(await balance(store, d), name).toBe(2_000);
      const after = posted.map((p) => (typeof p === 'string' ? p : p.balanceAfterFen)).sort((a, b) => Number(a) - Number(b));
      expect(after, name).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 100));
      const listed = await repo.list({ kind: 'department', id: d }, 5);
      expect(
        listed.map((e) => e.balanceAfterFen),
        name,
      ).toEqual([2_000, 1_900, 1_800, 1_700, 1_600]);
    }
  });

  it("one session's debit posted ten times at once is posted once", async () => {
    for (const { name, store } of engines) {
      const repo = storeLedgerRepo(store);
      const d = await department(store, `debit ${name}`);
      const debit = () => repo.post({ owner: { kind: 'department', id: d }, kind: 'session', amountFen: -1_234, note: null, sessionId: `s-${name}`, accountId: null, at: AT });
      const results = await Promise.all(Array.from({ length: 10 }, debit));
      expect(
        results.filter((r) => typeof r !== 'string'),
        name,
      ).toHaveLength(1);
      expect(
        results.filter((r) => r === 'duplicate-session'),
        name,
      ).toHaveLength(9);
      expect(await balance(store, d), name).toBe(-1_234);
      expect(await entries(store, d), name).toBe(1);
    }
  });

  it('out of range or an unknown owner: refused, nothing changed', async () => {
    for (const { name, store } of engines) {
      const repo = storeLedgerRepo(store);
      const d = await department(store, `range ${name}`);
      const add = () => repo.post({ owner: { kind: 'department', id: d }, kind: 'correction', amountFen: 99_000_000_000, note: 'x', accountId: 1, at: AT });
      for (let i = 0; i < 10; i++) expect(await add(), name).toMatchObject({ balanceAfterFen: (i + 1) * 99_000_000_000 }); // up to 0.99e12 …
      expect(await add(), name).toBe('out-of-range'); // … the next would pass the 1e12 bound
      expect(await balance(store, d), name).toBe(990_000_000_000);
      expect(await entries(store, d), name).toBe(10);
      expect(await repo.post({ owner: { kind: 'member', id: 999_999 }, kind: 'top-up', amountFen: 1, note: null, accountId: 1, at: AT }), name).toBe('owner-not-found');
      expect(await entries(store, 999_999), name).toBe(0);
    }
  });
});
