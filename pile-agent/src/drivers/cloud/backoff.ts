// Reconnect delays with exponential backoff and full jitter (contract page "Transport"): the n-th
// retry waits a uniform random time in [0, min(cap, base × 2^n)], so hundreds of piles that lost the
// broker together spread their reconnects instead of stampeding. Pure.

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000 };

/** The wait before retry `attempt` (0-based); `random` in [0, 1). */
export function backoffDelay(attempt: number, random: number, p: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(p.capMs, p.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random * ceiling);
}
