// Login accounts and their lifecycle: operators (everything) and fleet accounts (one department
// subtree). Usernames are unique regardless of case; passwords follow password-policy.ts and are
// scrypt-hashed. The operator creates, lists, disables, re-enables, deletes accounts and sets a new
// password for one; every account changes its own password with its current one. Disabling, deleting
// or a new password ends the account's logins (a password change keeps the session that made it).
// The last enabled operator can be neither disabled nor deleted. Bootstraps `admin`. Logins: login.service.ts.
import type { Db } from '../../persistence/sqlite/db.js';
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

export async function createAccount(db: Db, actor: Actor | null, input: AccountInput, at: string): Promise<Account> {
  if (actor) requireOperator(actor);
  if (!USERNAME.test(input.username)) throw invalid('username', 'username must be 3–64 of letters, digits and _ . @ -');
  checkPassword(input.password, input.username);
  const departmentId = input.role === 'fleet' ? input.departmentId : null;
  if (input.role === 'fleet') {
    if (departmentId == null) throw invalid('departmentId', 'a fleet account needs a departmentId');
    if (!db.prepare('SELECT 1 FROM departments WHERE id = ?').get(departmentId)) throw new CloudError(400, 'unknown-department', `department ${departmentId} does not exist`, 'departmentId');
  } else if (input.departmentId != null) {
    throw invalid('departmentId', 'an operator account has no departmentId');
  }
  const taken = db.prepare('SELECT username FROM accounts WHERE username = ? COLLATE NOCASE').pluck().get(input.username) as string | undefined;
  if (taken) throw conflict('duplicate-username', `username ${input.username} is taken${taken !== input.username ? ` (as ${taken}: usernames ignore case)` : ''}`, 'username');
  const hash = await hashSecret(input.password);
  const info = db.prepare('INSERT INTO accounts (username, password_hash, role, department_id, created_at) VALUES (?, ?, ?, ?, ?)').run(input.username, hash, input.role, departmentId ?? null, at);
  return toDto(db.prepare('SELECT * FROM accounts WHERE id = ?').get(info.lastInsertRowid) as AccountRow);
}

export function listAccounts(db: Db, actor: Actor): Account[] {
  requireOperator(actor);
  return (db.prepare('SELECT * FROM accounts ORDER BY id').all() as AccountRow[]).map(toDto);
}

function accountRow(db: Db, id: number): AccountRow {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  if (!r) throw notFound('account');
  return r;
}

/** The account by id or by username (any case). */
export function findAccount(db: Db, actor: Actor, idOrName: number | string): Account {
  requireOperator(actor);
  const r = (typeof idOrName === 'number' ? db.prepare('SELECT * FROM accounts WHERE id = ?').get(idOrName) : db.prepare('SELECT * FROM accounts WHERE username = ? COLLATE NOCASE').get(idOrName)) as
    | AccountRow
    | undefined;
  if (!r) throw notFound('account');
  return toDto(r);
}

function refuseLastOperator(db: Db, r: AccountRow, what: string): void {
  if (r.role !== 'operator' || r.disabled_at !== null) return;
  const others = db.prepare("SELECT count(*) FROM accounts WHERE role = 'operator' AND disabled_at IS NULL AND id <> ?").pluck().get(r.id) as number;
  if (others === 0) throw conflict('last-operator', `${r.username} is the last enabled operator account: it cannot be ${what}`);
}

export interface AccountChange {
  disabled?: boolean;
  /** A new password set by the operator (the account's logins end). */
  password?: string;
}

/** Operator: disable / re-enable an account, or set a new password for it. */
export async function updateAccount(db: Db, actor: Actor, id: number, change: AccountChange, at: string): Promise<Account> {
  requireOperator(actor);
  const r = accountRow(db, id);
  if (change.password !== undefined) checkPassword(change.password, r.username);
  if (change.disabled === true) refuseLastOperator(db, r, 'disabled');
  const hash = change.password !== undefined ? await hashSecret(change.password) : null;
  db.transaction(() => {
    if (change.disabled !== undefined) db.prepare('UPDATE accounts SET disabled_at = ? WHERE id = ?').run(change.disabled ? (r.disabled_at ?? at) : null, id);
    if (hash) db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?').run(hash, id);
    if (change.disabled === true || hash) db.prepare('DELETE FROM api_tokens WHERE account_id = ?').run(id);
  })();
  return toDto(accountRow(db, id));
}

/** Operator: deletes an account (its logins end; what it did stays in the ledger by id); returns it. */
export function deleteAccount(db: Db, actor: Actor, id: number): Account {
  requireOperator(actor);
  const r = accountRow(db, id);
  refuseLastOperator(db, r, 'deleted');
  db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
  return toDto(r);
}

/** Any account: a new password, given the current one; its other logins end, `keepToken`'s stays. */
export async function changeOwnPassword(db: Db, actor: Actor, current: string, next: string, keepToken: string): Promise<void> {
  const r = accountRow(db, actor.accountId);
  if (!(await verifySecret(current, r.password_hash))) throw new CloudError(403, 'bad-credentials', 'the current password is wrong', 'currentPassword');
  checkPassword(next, r.username, 'newPassword');
  if (next === current) throw invalid('newPassword', 'the new password is the current one', 'weak-password');
  const hash = await hashSecret(next);
  db.transaction(() => {
    db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?').run(hash, r.id);
    db.prepare('DELETE FROM api_tokens WHERE account_id = ? AND token_hash <> ?').run(r.id, tokenHash(keepToken));
  })();
}

/**
 * First start: creates `admin` (operator) when no account exists. Returns the password it used when
 * it generated one (to be shown once), null when it used the given one or an account already existed.
 */
export async function ensureAdmin(db: Db, adminPassword: string | undefined, at: string): Promise<{ created: boolean; generatedPassword: string | null }> {
  if (db.prepare('SELECT 1 FROM accounts LIMIT 1').get()) return { created: false, generatedPassword: null };
  const password = adminPassword ?? randomSecret(15);
  await createAccount(db, null, { username: 'admin', password, role: 'operator' }, at);
  return { created: true, generatedPassword: adminPassword === undefined ? password : null };
}
