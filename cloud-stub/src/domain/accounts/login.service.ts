// Logging in: a username (any case) and password give a random bearer token, kept as its SHA-256 (a
// 256-bit random token needs no slow hash), valid 12 h; failures are throttled (login-throttle.ts) and
// cost the same scrypt time whether or not the username exists. A disabled account cannot log in (told
// so only after the right password) and its tokens are not accepted. Each refusal and each success is
// reported to `log` (serve prints it), with the username and address, never the password.
import { createHash } from 'node:crypto';
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import type { CloudClock } from '../../shared/clock.js';
import { CloudError } from '../../shared/cloud-error.js';
import { DUMMY_HASH, randomSecret, verifySecret } from '../../shared/secret-hash.js';
import type { LoginThrottle } from './login-throttle.js';
import type { AccountRow } from './account-row.js';

export const TOKEN_TTL_MS = 12 * 3600_000;

export const tokenHash = (t: string): string => createHash('sha256').update(t).digest('hex');

export type AuthLog = (level: 'info' | 'warn', obj: object, msg: string) => void;

export interface LoginDeps {
  db: Db;
  clock: CloudClock;
  throttle: LoginThrottle;
  log?: AuthLog;
}

/** The refusal while the throttle holds `username` (or the address) back for `waitMs`. */
export function throttledError(waitMs: number, what = 'failed logins'): CloudError {
  const s = Math.ceil(waitMs / 1000);
  return new CloudError(429, 'too-many-attempts', `too many ${what}; try again in ${s} s`, undefined, { retryAfterS: s });
}

export async function login(deps: LoginDeps, username: string, password: string, address: string): Promise<{ token: string; expiresAt: string }> {
  const log = deps.log ?? (() => {});
  const wait = deps.throttle.retryAfterMs(username, address);
  if (wait > 0) {
    log('warn', { username, address, reason: 'throttled', retryAfterS: Math.ceil(wait / 1000) }, 'login refused');
    throw throttledError(wait);
  }
  const r = deps.db.prepare('SELECT * FROM accounts WHERE username = ? COLLATE NOCASE').get(username) as AccountRow | undefined;
  const good = await verifySecret(password, r?.password_hash ?? DUMMY_HASH);
  if (!r || !good) {
    deps.throttle.failed(username, address);
    log('warn', { username, address, reason: r ? 'wrong-password' : 'unknown-username' }, 'login refused');
    throw new CloudError(401, 'bad-credentials', 'wrong username or password');
  }
  if (r.disabled_at !== null) {
    log('warn', { username: r.username, address, reason: 'disabled' }, 'login refused');
    throw new CloudError(403, 'account-disabled', 'this account is disabled: ask an operator');
  }
  deps.throttle.succeeded(username);
  const token = randomSecret(32);
  const expiresMs = deps.clock.now() + TOKEN_TTL_MS;
  deps.db.prepare('DELETE FROM api_tokens WHERE expires_ms < ?').run(deps.clock.now());
  deps.db.prepare('INSERT INTO api_tokens (token_hash, account_id, expires_ms) VALUES (?, ?, ?)').run(tokenHash(token), r.id, expiresMs);
  log('info', { username: r.username, address }, 'login');
  return { token, expiresAt: new Date(expiresMs).toISOString() };
}

/** The actor behind a bearer token, or null when unknown, expired or its account disabled. */
export function actorForToken(db: Db, clock: CloudClock, token: string): Actor | null {
  const r = db
    .prepare('SELECT a.* FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ? AND t.expires_ms > ? AND a.disabled_at IS NULL')
    .get(tokenHash(token), clock.now()) as AccountRow | undefined;
  return r ? { accountId: r.id, username: r.username, role: r.role, departmentId: r.department_id } : null;
}

export function logout(db: Db, token: string): void {
  db.prepare('DELETE FROM api_tokens WHERE token_hash = ?').run(tokenHash(token));
}
