// The accounts repository over the store (kysely), the same code on SQLite and PostgreSQL: usernames
// compared by lower() on both (ASCII usernames: SQLite's NOCASE and lower() agree), the last-operator
// guard counted inside the transaction that makes the change, a taken username found by the unique
// index rather than a read first (two concurrent inserts: one wins, the other is `duplicate`).
import { sql, type Transaction } from 'kysely';
import type { AccountRow } from '../domain/accounts/account-row.js';
import type { AccountChangeRow, AccountsRepo, EndLogins, NewAccount } from '../domain/accounts/accounts.repo.js';
import { isUniqueViolation, type Store } from './store.js';
import type { CloudTables } from './tables.js';

const LAST_OPERATOR = 'accounts.last-operator';
const COLUMNS = ['id', 'username', 'password_hash', 'role', 'department_id', 'disabled_at'] as const;

async function guard(trx: Transaction<CloudTables>, row: AccountRow | undefined): Promise<boolean> {
  if (row?.role !== 'operator' || row.disabled_at !== null) return true;
  const others = await trx
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'operator')
    .where('disabled_at', 'is', null)
    .where('id', '<>', row.id)
    .executeTakeFirstOrThrow();
  return Number(others.n) > 0;
}

export function storeAccountsRepo(store: Store): AccountsRepo {
  const db = store.db;
  const select = () => db.selectFrom('accounts').select(COLUMNS);
  return {
    byId: (id) => select().where('id', '=', id).executeTakeFirst() as Promise<AccountRow | undefined>,
    byUsername: (username) => select().where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst() as Promise<AccountRow | undefined>,
    list: () => select().orderBy('id').execute() as Promise<AccountRow[]>,
    hasAny: async () => (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) !== undefined,
    departmentExists: async (id) => (await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,
    insert: async (a: NewAccount) => {
      try {
        return (await db
          .insertInto('accounts')
          .values({ username: a.username, password_hash: a.passwordHash, role: a.role, department_id: a.departmentId, created_at: a.createdAt, disabled_at: null })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow()) as AccountRow;
      } catch (e) {
        if (isUniqueViolation(e)) return 'duplicate';
        throw e;
      }
    },
    update: (id, change: AccountChangeRow, endLogins: EndLogins, guardLastOperator) =>
      db.transaction().execute(async (trx) => {
        const guarded = guardLastOperator && Boolean(change.disabledAt);
        if (guarded) await store.exclusive(trx, LAST_OPERATOR);
        const row = (await trx.selectFrom('accounts').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as AccountRow | undefined;
        if (!row) return 'not-found' as const;
        if (guarded && !(await guard(trx, row))) return 'last-operator' as const;
        const set = { ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}), ...(change.passwordHash ? { password_hash: change.passwordHash } : {}) };
        if (Object.keys(set).length > 0) await trx.updateTable('accounts').set(set).where('id', '=', id).execute();
        if (endLogins && 'all' in endLogins) await trx.deleteFrom('api_tokens').where('account_id', '=', id).execute();
        else if (endLogins) await trx.deleteFrom('api_tokens').where('account_id', '=', id).where('token_hash', '<>', endLogins.except).execute();
        return 'ok' as const;
      }),
    delete: (id) =>
      db.transaction().execute(async (trx) => {
        await store.exclusive(trx, LAST_OPERATOR);
        const row = (await trx.selectFrom('accounts').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as AccountRow | undefined;
        if (!row) return 'not-found' as const;
        if (!(await guard(trx, row))) return 'last-operator' as const;
        await trx.deleteFrom('api_tokens').where('account_id', '=', id).execute();
        await trx.deleteFrom('accounts').where('id', '=', id).execute();
        return 'ok' as const;
      }),
    addToken: (tokenHash, accountId, expiresMs, nowMs) =>
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('api_tokens').where('expires_ms', '<', nowMs).execute();
        await trx.insertInto('api_tokens').values({ token_hash: tokenHash, account_id: accountId, expires_ms: expiresMs }).execute();
      }),
    tokenAccount: (tokenHash, nowMs) =>
      db
        .selectFrom('api_tokens as t')
        .innerJoin('accounts as a', 'a.id', 't.account_id')
        .select(COLUMNS.map((c) => `a.${c}` as const))
        .where('t.token_hash', '=', tokenHash)
        .where('t.expires_ms', '>', nowMs)
        .where('a.disabled_at', 'is', null)
        .executeTakeFirst() as Promise<AccountRow | undefined>,
    removeToken: async (tokenHash) => {
      await db.deleteFrom('api_tokens').where('token_hash', '=', tokenHash).execute();
    },
  };
}
