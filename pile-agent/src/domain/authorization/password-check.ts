// Verifying typed passwords outside the pure decision (hashing is slow by design): the fixed
// password against the cached hashes (mode 1 start and stop), and a mode 4 stop password against
// the hash snapshotted into the session at start — never against the department's current hash.
import { verifySecret } from '../../shared/secret-hash.js';
import type { StopCredential } from './authorize.types.js';
import type { FixedPasswordEntry } from './whitelist.types.js';

/**
 * The fixed-password row the password matches, or null. Every row is verified, whatever matched
 * first, so the time taken does not tell which of the valid passwords was close.
 */
export async function matchFixedPassword(entries: readonly FixedPasswordEntry[], password: string): Promise<FixedPasswordEntry | null> {
  const results = await Promise.all(entries.map((e) => verifySecret(password, e.hash)));
  const i = results.indexOf(true);
  return i < 0 ? null : entries[i];
}

/** True when the password matches the mode 4 stop password snapshotted in the session's `stopBy`. */
export async function matchStopPassword(stopBy: readonly StopCredential[], password: string): Promise<boolean> {
  const snapshot = stopBy.find((s) => s.kind === 'stop-password');
  if (!snapshot) return false;
  return verifySecret(password, snapshot.hash);
}
