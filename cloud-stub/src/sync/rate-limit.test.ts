// The token bucket: a burst up to capacity, then one per refill interval, per key.
import { describe, expect, it } from 'vitest';
import { ManualCloudClock } from '../shared/clock.js';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst of capacity, then one per refill interval, each key on its own', () => {
    const clock = new ManualCloudClock(0);
    const r = new RateLimiter(clock, 3, 10_000);
    expect([1, 2, 3, 4].map(() => r.take('P1'))).toEqual([true, true, true, false]);
    expect(r.take('P2')).toBe(true);
    clock.advance(9_999);
    expect(r.take('P1')).toBe(false);
    clock.advance(1);
    expect(r.take('P1')).toBe(true);
    expect(r.take('P1')).toBe(false);
    clock.advance(60_000);
    expect([1, 2, 3, 4].map(() => r.take('P1'))).toEqual([true, true, true, false]);
  });
});
