// Backoff with full jitter: bounded by the doubling ceiling and the cap, spread over the whole range.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect(backoffDelay(0, 0.999)).toBe(499);
    expect(backoffDelay(3, 0.999)).toBe(3996);
    expect(backoffDelay(20, 0.999)).toBe(59_940);
    expect(backoffDelay(1000, 0.5)).toBe(30_000);
  });

  it('full jitter: 200 piles at attempt 5 spread over [0, 16 s)', () => {
    const waits = Array.from({ length: 200 }, (_, i) => backoffDelay(5, i / 200));
    expect(Math.min(...waits)).toBe(0);
    expect(Math.max(...waits)).toBeGreaterThan(15_000);
    expect(new Set(waits.map((w) => Math.floor(w / 1000))).size).toBe(16);
  });
});
