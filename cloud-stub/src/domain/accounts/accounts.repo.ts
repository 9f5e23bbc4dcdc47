// What the account and login services need from storage, as one asynchronous port: accounts by id
// or username (any case), the department a fleet account names, the enabled operators, and the
// login tokens (kept as hashes). Writes that must hold together — a change and the end of the
// account's logins; the last-operator guard and the change it guards — are single calls, each one
// transaction in the implementation. Implemented once over the store for both engines
// (store/accounts.store.ts); checked by accounts-repo.contract.ts on each.
import type { AccountRow } from './account-row.js';

export interface NewAccount {
  readonly username: string;
  readonly passwordHash: string;
  readonly role: 'operator' | 'fleet';
  readonly departmentId: number | null;
  readonly createdAt: string;
}

/** What a change does to the account's logins: all end, all but one end, or none. */
export type EndLogins = { readonly all: true } | { readonly except: string } | null;

export interface AccountChangeRow {
  /** A string disables (since then), null re-enables, undefined leaves it. */
  readonly disabledAt?: string | null;
  readonly passwordHash?: string;
}

export interface AccountsRepo {
  byId(id: number): Promise<AccountRow | undefined>;
  /** Usernames are unique regardless of case. */
  byUsername(username: string): Promise<AccountRow | undefined>;
  list(): Promise<AccountRow[]>;
  hasAny(): Promise<boolean>;
  departmentExists(id: number): Promise<boolean>;
  /** Inserts; `duplicate` when the username is taken in any case (by a concurrent insert too). */
  insert(a: NewAccount): Promise<AccountRow | 'duplicate'>;
  /**
   * Applies the change and ends logins in one transaction. With `guardLastOperator`, refuses
   * ('last-operator', nothing changed) when it would leave no enabled operator.
   */
  update(id: number, change: AccountChangeRow, endLogins: EndLogins, guardLastOperator: boolean): Promise<'ok' | 'last-operator' | 'not-found'>;
  /** Deletes (its tokens go with it); the same guard as update. */
  delete(id: number): Promise<'ok' | 'last-operator' | 'not-found'>;
  /** A login: stores the token's hash and drops expired ones. */
  addToken(tokenHash: string, accountId: number, expiresMs: number, nowMs: number): Promise<void>;
  /** The enabled account behind an unexpired token. */
  tokenAccount(tokenHash: string, nowMs: number): Promise<AccountRow | undefined>;
  removeToken(tokenHash: string): Promise<void>;
}
