// A token bucket per key (a pile id): `capacity` requests at once, refilled at one per `refillMs`.
// The sync answers a pile's whitelist requests only while its bucket holds a token, so one pile cannot
// make the cloud build and send snapshots without end. Pure: time comes from the clock argument.
import type { CloudClock } from '../shared/clock.js';

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: CloudClock,
    private readonly capacity: number,
    private readonly refillMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes a token for `key`; false when none is left (the caller refuses the request). */
  take(key: string): boolean {
    const now = this.clock.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const refilled = Math.min(this.capacity, b.tokens + Math.floor((now - b.at) / this.refillMs));
    const at = refilled === this.capacity ? now : b.at + Math.floor((now - b.at) / this.refillMs) * this.refillMs;
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at });
      return false;
    }
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: refilled - 1, at });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return true;
  }
}
