// Whether a stop attempt at the pile may end a running session, from the session's `stopBy`
// (authorize.ts) and the verified attempt (password-check.ts). Pure. BMS stops, faults, the
// emergency stop and the cloud's remote stop do not go through here: they always stop.
import type { StopCredential } from './authorize.types.js';

/** A stop attempt with any password already verified (fixed: against the current hashes; stop: the snapshot). */
export type StopAttempt =
  | { readonly kind: 'card'; readonly cardNo: string }
  | { readonly kind: 'fixed-password'; readonly verified: boolean }
  | { readonly kind: 'stop-password'; readonly verified: boolean };

export function mayStop(stopBy: readonly StopCredential[], attempt: StopAttempt): boolean {
  switch (attempt.kind) {
    case 'card':
      return stopBy.some((s) => s.kind === 'card' && s.cardNo === attempt.cardNo);
    case 'fixed-password':
      return attempt.verified && stopBy.some((s) => s.kind === 'fixed-password');
    case 'stop-password':
      return attempt.verified && stopBy.some((s) => s.kind === 'stop-password');
  }
}
