// Login accounts: operators (everything) and fleet accounts (one department subtree). Passwords are
// scrypt-hashed; login is throttled; a login yields a random bearer token kept as its SHA-256 (a
// 256-bit random token needs no slow hash) with a 12 h lifetime. Bootstraps the `admin` account.
import { createHash } from 'node:crypto';
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { requireOperator } from '../access/actor.js';
import type { CloudClock } from '../../shared/clock.js';
import { CloudError, conflict, invalid } from '../../shared/cloud-error.js';
import { DUMMY_HASH, hashSecret, randomSecret, verifySecret } from '../../shared/secret-hash.js';
import type { LoginThrottle } from './login-throttle.js';

export const TOKEN_TTL_MS = 12 * 3600_000;
const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

export interface Account {
  id: number;
  username: string;
  role: 'operator' | 'fleet';
  departmentId: number | null;
}

interface Row {
  id: number;
  username: string;
  password_hash: string;
  role: 'operator' | 'fleet';
  department_id: number | null;
}

const toDto = (r: Row): Account => ({ id: r.id, username: r.username, role: r.role, departmentId: r.department_id });
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

function checkPassword(pw: string): void {
  if (pw.length < 8 || pw.length > 200) throw invalid('password', 'password must be 8–200 characters');
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
  checkPassword(input.password);
  const departmentId = input.role === 'fleet' ? input.departmentId : null;
  if (input.role === 'fleet') {
    if (departmentId == null) throw invalid('departmentId', 'a fleet account needs a departmentId');
    if (!db.prepare('SELECT 1 FROM departments WHERE id = ?').get(departmentId))
      throw new CloudError(400, 'unknown-department', `department ${departmentId} does not exist`, 'departmentId');
  } else if (input.departmentId != null) {
    throw invalid('departmentId', 'an operator account has no departmentId');
  }
  if (db.prepare('SELECT 1 FROM accounts WHERE username = ?').get(input.username)) throw conflict('duplicate-username', `username ${input.username} is taken`, 'username');
  const hash = await hashSecret(input.password);
  const info = db.prepare('INSERT INTO accounts (username, password_hash, role, department_id, created_at) VALUES (?, ?, ?, ?, ?)').run(input.username, hash, input.role, departmentId ?? null, at);
  return toDto(db.prepare('SELECT * FROM accounts WHERE id = ?').get(info.lastInsertRowid) as Row);
}

export function listAccounts(db: Db, actor: Actor): Account[] {
  requireOperator(actor);
  return (db.prepare('SELECT * FROM accounts ORDER BY id').all() as Row[]).map(toDto);
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

export interface LoginDeps {
  db: Db;
  clock: CloudClock;
  throttle: LoginThrottle;
}

export async function login(deps: LoginDeps, username: string, password: string, address: string): Promise<{ token: string; expiresAt: string }> {
  const wait = deps.throttle.retryAfterMs(username, address);
  if (wait > 0)
    throw new CloudError(429, 'too-many-attempts', `too many failed logins; try again in ${Math.ceil(wait / 1000)} s`, undefined, { retryAfterS: Math.ceil(wait / 1000) });
  const r = deps.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as Row | undefined;
  const good = await verifySecret(password, r?.password_hash ?? DUMMY_HASH);
  if (!r || !good) {
    deps.throttle.failed(username, address);
    throw new CloudError(401, 'bad-credentials', 'wrong username or password');
  }
  deps.throttle.succeeded(username);
  const token = randomSecret(32);
  const expiresMs = deps.clock.now() + TOKEN_TTL_MS;
  deps.db.prepare('DELETE FROM api_tokens WHERE expires_ms < ?').run(deps.clock.now());
  deps.db.prepare('INSERT INTO api_tokens (token_hash, account_id, expires_ms) VALUES (?, ?, ?)').run(sha256(token), r.id, expiresMs);
  return { token, expiresAt: new Date(expiresMs).toISOString() };
}

/** The actor behind a bearer token, or null when unknown or expired. */
export function actorForToken(db: Db, clock: CloudClock, token: string): Actor | null {
  const r = db
    .prepare('SELECT a.* FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ? AND t.expires_ms > ?')
    .get(sha256(token), clock.now()) as Row | undefined;
  return r ? { accountId: r.id, username: r.username, role: r.role, departmentId: r.department_id } : null;
}

export function logout(db: Db, token: string): void {
  db.prepare('DELETE FROM api_tokens WHERE token_hash = ?').run(sha256(token));
}
