// Login throttling: after 5 consecutive failures for a username (or from one client address) further
// attempts are refused for a lock time that doubles from 1 s up to 15 min; a success clears the
// username's count. In memory, per process; time from the injected clock. No I/O.
import type { CloudClock } from '../../shared/clock.js';

const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

interface Entry {
  failures: number;
  lockedUntilMs: number;
  lastMs: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: CloudClock) {}

  /** Milliseconds to wait before `username` may try again from `address`; 0 when allowed. */
  retryAfterMs(username: string, address: string): number {
    const now = this.clock.now();
    const waits = [this.key('u', username), this.key('a', address)].map((k) => {
      const e = this.entries.get(k);
      return e ? Math.max(0, e.lockedUntilMs - now) : 0;
    });
    return Math.max(...waits);
  }

  failed(username: string, address: string): void {
    const now = this.clock.now();
    for (const k of [this.key('u', username), this.key('a', address)]) {
      const prev = this.entries.get(k);
      const e = prev && now - prev.lastMs < FORGET_AFTER_MS ? prev : { failures: 0, lockedUntilMs: 0, lastMs: now };
      e.failures += 1;
      e.lastMs = now;
      if (e.failures >= FREE_FAILURES) e.lockedUntilMs = now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (e.failures - FREE_FAILURES));
      this.entries.set(k, e);
    }
    if (this.entries.size > 100_000) this.prune(now);
  }

  succeeded(username: string): void {
    this.entries.delete(this.key('u', username));
  }

  private key(kind: 'u' | 'a', v: string): string {
    return `${kind}:${v.toLowerCase()}`;
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastMs > FORGET_AFTER_MS) this.entries.delete(k);
  }
}
