// The accounts repository on both engines: SQLite (the cloud's own migrated database in memory) and
// PostgreSQL (a server started by the test, one fresh database per case, migrated by migratePostgres).
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../src/persistence/sqlite/db.js';
import { migratePostgres } from '../../src/persistence/postgres/migrate.js';
import { storeAccountsRepo } from '../../src/store/accounts.store.js';
import { postgresStore, sqliteStore, type Store } from '../../src/store/store.js';
import { PostgresServer } from '../providers/postgres-server.js';
import { accountsRepoContract } from './accounts-repo.contract.js';

const AT = '2026-05-01T08:00:00.000Z';
const addDepartment = (store: Store) => async (name: string) =>
  Number(
    (
      await store.db
        .insertInto('departments')
        .values({ name, parent_id: null, created_at: AT } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );

accountsRepoContract('SQLite', async () => {
  const store = sqliteStore(openDatabase(':memory:'));
  return { repo: storeAccountsRepo(store), addDepartment: addDepartment(store) };
});

let server: PostgresServer;
const stores: Store[] = [];
let n = 0;
beforeAll(async () => {
  server = await PostgresServer.start();
}, 60_000);
afterAll(async () => {
  for (const s of stores) await s.close();
  await server?.close();
});

accountsRepoContract('PostgreSQL', async () => {
  const url = await server.createDatabase(`accounts_${++n}`);
  await migratePostgres(url);
  const store = postgresStore(url);
  stores.push(store);
  return { repo: storeAccountsRepo(store), addDepartment: addDepartment(store) };
});
