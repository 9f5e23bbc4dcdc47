// Login accounts and their lifecycle: operators (everything) and fleet accounts (one department
// subtree). Usernames are unique regardless of case; passwords follow password-policy.ts and are
// scrypt-hashed. The operator creates, lists, disables, re-enables, deletes accounts and sets a new
// password for one; every account changes its own password with its current one. Disabling, deleting
// or a new password ends the account's logins (a password change keeps the session that made it).
// The last enabled operator can be neither disabled nor deleted. Bootstraps `admin`. Logins: login.service.ts.
// Storage only through the AccountsRepo port (SQLite or PostgreSQL).
import type { AccountsRepo } from './accounts.repo.js';
import type { Actor } from '../access/actor.js';
import { requireOperator } from '../access/actor.js';
import { CloudError, conflict, invalid, notFound } from '../../shared/cloud-error.js';
import { hashSecret, randomSecret, verifySecret } from '../../shared/secret-hash.js';
import { passwordProblem } from './password-policy.js';
import { tokenHash } from './login.service.js';
import type { AccountRow } from './account-row.js';

const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

export interface Account {
  id: number;
  username: string;
  role: 'operator' | 'fleet';
  departmentId: number | null;
  /** When the account was disabled; null while it may log in. */
  disabledAt: string | null;
}

const toDto = (r: AccountRow): Account => ({ id: r.id, username: r.username, role: r.role, departmentId: r.department_id, disabledAt: r.disabled_at });

function checkPassword(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid(field, problem, 'weak-password');
}

export interface AccountInput {
  username: string;
  password: string;
  role: 'operator' | 'fleet';
  departmentId?: number | null;
}

export async function createAccount(repo: AccountsRepo, actor: Actor | null, input: AccountInput, at: string): Promise<Account> {
  if (actor) requireOperator(actor);
  if (!USERNAME.test(input.username)) throw invalid('username', 'username must be 3–64 of letters, digits and _ . @ -');
  checkPassword(input.password, input.username);
  const departmentId = input.role === 'fleet' ? input.departmentId : null;
  if (input.role === 'fleet') {
    if (departmentId == null) throw invalid('departmentId', 'a fleet account needs a departmentId');
    if (!(await repo.departmentExists(departmentId))) throw new CloudError('invalid', 'unknown-department', `department ${departmentId} does not exist`, 'departmentId');
  } else if (input.departmentId != null) {
    throw invalid('departmentId', 'an operator account has no departmentId');
  }
  const taken = (other: string) => conflict('duplicate-username', `username ${input.username} is taken${other !== input.username ? ` (as ${other}: usernames ignore case)` : ''}`, 'username');
  const existing = await repo.byUsername(input.username);
  if (existing) throw taken(existing.username);
  const hash = await hashSecret(input.password);
  const row = await repo.insert({ username: input.username, passwordHash: hash, role: input.role, departmentId: departmentId ?? null, createdAt: at });
  // Taken meanwhile, by a concurrent request: name the winner as stored.
  if (row === 'duplicate') throw taken((await repo.byUsername(input.username))?.username ?? input.username);
  return toDto(row);
}

export async function listAccounts(repo: AccountsRepo, actor: Actor): Promise<Account[]> {
  requireOperator(actor);
  return (await repo.list()).map(toDto);
}

async function accountRow(repo: AccountsRepo, id: number): Promise<AccountRow> {
  const r = await repo.byId(id);
  if (!r) throw notFound('account');
  return r;
}

/** The account by id or by username (any case). */
export async function findAccount(repo: AccountsRepo, actor: Actor, idOrName: number | string): Promise<Account> {
  requireOperator(actor);
  const r = typeof idOrName === 'number' ? await repo.byId(idOrName) : await repo.byUsername(idOrName);
  if (!r) throw notFound('account');
  return toDto(r);
}

const lastOperator = (r: AccountRow, what: string) => conflict('last-operator', `${r.username} is the last enabled operator account: it cannot be ${what}`);

export interface AccountChange {
  disabled?: boolean;
  /** A new password set by the operator (the account's logins end). */
  password?: string;
}

/** Operator: disable / re-enable an account, or set a new password for it. */
export async function updateAccount(repo: AccountsRepo, actor: Actor, id: number, change: AccountChange, at: string): Promise<Account> {
  requireOperator(actor);
  const r = await accountRow(repo, id);
  if (change.password !== undefined) checkPassword(change.password, r.username);
  const hash = change.password !== undefined ? await hashSecret(change.password) : undefined;
  const endsLogins = change.disabled === true || hash !== undefined;
  const done = await repo.update(
    id,
    { ...(change.disabled !== undefined ? { disabledAt: change.disabled ? (r.disabled_at ?? at) : null } : {}), ...(hash ? { passwordHash: hash } : {}) },
    endsLogins ? { all: true } : null,
    change.disabled === true,
  );
  if (done === 'not-found') throw notFound('account');
  if (done === 'last-operator') throw lastOperator(r, 'disabled');
  return toDto(await accountRow(repo, id));
}

/** Operator: deletes an account (its logins end; what it did stays in the ledger by id); returns it. */
export async function deleteAccount(repo: AccountsRepo, actor: Actor, id: number): Promise<Account> {
  requireOperator(actor);
  const r = await accountRow(repo, id);
  const done = await repo.delete(id);
  if (done === 'not-found') throw notFound('account');
  if (done === 'last-operator') throw lastOperator(r, 'deleted');
  return toDto(r);
}

/** Any account: a new password, given the current one; its other logins end, `keepToken`'s stays. */
export async function changeOwnPassword(repo: AccountsRepo, actor: Actor, current: string, next: string, keepToken: string): Promise<void> {
  const r = await accountRow(repo, actor.accountId);
  if (!(await verifySecret(current, r.password_hash))) throw new CloudError('forbidden', 'bad-credentials', 'the current password is wrong', 'currentPassword');
  checkPassword(next, r.username, 'newPassword');
  if (next === current) throw invalid('newPassword', 'the new password is the current one', 'weak-password');
  const hash = await hashSecret(next);
  await repo.update(r.id, { passwordHash: hash }, { except: tokenHash(keepToken) }, false);
}

/**
 * First start: creates `admin` (operator) when no account exists. Returns the password it used when
 * it generated one (to be shown once), null when it used the given one or an account already existed.
 */
export async function ensureAdmin(repo: AccountsRepo, adminPassword: string | undefined, at: string): Promise<{ created: boolean; generatedPassword: string | null }> {
  if (await repo.hasAny()) return { created: false, generatedPassword: null };
  const password = adminPassword ?? randomSecret(15);
  await createAccount(repo, null, { username: 'admin', password, role: 'operator' }, at);
  return { created: true, generatedPassword: adminPassword === undefined ? password : null };
}
