// Logging in: a username (any case) and password give a random bearer token, kept as its SHA-256 (a
// 256-bit random token needs no slow hash), valid 12 h; failures are throttled (login-throttle.ts) and
// cost the same scrypt time whether or not the username exists. A disabled account cannot log in (told
// so only after the right password) and its tokens are not accepted. Each refusal and each success is
// reported to `log` (serve prints it), with the username and address, never the password.
import { createHash } from 'node:crypto';
import type { AccountsRepo } from './accounts.repo.js';
import type { Actor } from '../access/actor.js';
import type { CloudClock } from '../../shared/clock.js';
import { CloudError } from '../../shared/cloud-error.js';
import { DUMMY_HASH, randomSecret, verifySecret } from '../../shared/secret-hash.js';
import type { LoginThrottle } from './login-throttle.js';

export const TOKEN_TTL_MS = 12 * 3600_000;

export const tokenHash = (t: string): string => createHash('sha256').update(t).digest('hex');

export type AuthLog = (level: 'info' | 'warn', obj: object, msg: string) => void;

export interface LoginDeps {
  accounts: AccountsRepo;
  clock: CloudClock;
  throttle: LoginThrottle;
  log?: AuthLog;
}

/** The refusal while the throttle holds `username` (or the address) back for `waitMs`. */
export function throttledError(waitMs: number, what = 'failed logins'): CloudError {
  const s = Math.ceil(waitMs / 1000);
  return new CloudError('throttled', 'too-many-attempts', `too many ${what}; try again in ${s} s`, undefined, { retryAfterS: s });
}

export async function login(deps: LoginDeps, username: string, password: string, address: string): Promise<{ token: string; expiresAt: string }> {
  const log = deps.log ?? (() => {});
  const wait = deps.throttle.retryAfterMs(username, address);
  if (wait > 0) {
    log('warn', { username, address, reason: 'throttled', retryAfterS: Math.ceil(wait / 1000) }, 'login refused');
    throw throttledError(wait);
  }
  const r = await deps.accounts.byUsername(username);
  const good = await verifySecret(password, r?.password_hash ?? DUMMY_HASH);
  if (!r || !good) {
    deps.throttle.failed(username, address);
    log('warn', { username, address, reason: r ? 'wrong-password' : 'unknown-username' }, 'login refused');
    throw new CloudError('unauthenticated', 'bad-credentials', 'wrong username or password');
  }
  if (r.disabled_at !== null) {
    log('warn', { username: r.username, address, reason: 'disabled' }, 'login refused');
    throw new CloudError('forbidden', 'account-disabled', 'this account is disabled: ask an operator');
  }
  deps.throttle.succeeded(username);
  const token = randomSecret(32);
  const expiresMs = deps.clock.now() + TOKEN_TTL_MS;
  await deps.accounts.addToken(tokenHash(token), r.id, expiresMs, deps.clock.now());
  log('info', { username: r.username, address }, 'login');
  return { token, expiresAt: new Date(expiresMs).toISOString() };
}

/** The actor behind a bearer token, or null when unknown, expired or its account disabled. */
export async function actorForToken(accounts: AccountsRepo, clock: CloudClock, token: string): Promise<Actor | null> {
  const r = await accounts.tokenAccount(tokenHash(token), clock.now());
  return r ? { accountId: r.id, username: r.username, role: r.role, departmentId: r.department_id } : null;
}

export async function logout(accounts: AccountsRepo, token: string): Promise<void> {
  await accounts.removeToken(tokenHash(token));
}
