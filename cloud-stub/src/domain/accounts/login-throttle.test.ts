// Login throttle: five free failures, then a doubling lock; success clears the username; per-address
// counting stops one client spraying usernames. Fake clock, no sleeps.
import { describe, expect, it } from 'vitest';
import { ManualCloudClock } from '../../shared/clock.js';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('locks after five failures for 1 s, then 2 s, 4 s …', () => {
    const clock = new ManualCloudClock(0);
    const th = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) th.failed('admin', '10.0.0.1');
    expect(th.retryAfterMs('admin', '10.0.0.1')).toBe(0);
    th.failed('admin', '10.0.0.1');
    expect(th.retryAfterMs('admin', '10.0.0.1')).toBe(1_000);
    clock.advance(1_000);
    expect(th.retryAfterMs('admin', '10.0.0.1')).toBe(0);
    th.failed('admin', '10.0.0.1');
    expect(th.retryAfterMs('admin', '10.0.0.1')).toBe(2_000);
    expect(th.retryAfterMs('ADMIN', '10.0.0.9')).toBe(2_000); // username is case-insensitive
  });

  it('caps the lock at 15 minutes', () => {
    const clock = new ManualCloudClock(0);
    const th = new LoginThrottle(clock);
    for (let i = 0; i < 40; i++) th.failed('u', 'a');
    expect(th.retryAfterMs('u', 'a')).toBe(15 * 60_000);
  });

  it('clears the username on success and counts per address across usernames', () => {
    const clock = new ManualCloudClock(0);
    const th = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) th.failed('u', 'a');
    th.succeeded('u');
    th.failed('u', 'b');
    expect(th.retryAfterMs('u', 'b')).toBe(0);
    for (const u of ['x1', 'x2', 'x3', 'x4', 'x5']) th.failed(u, '10.9.9.9');
    expect(th.retryAfterMs('someone-else', '10.9.9.9')).toBe(1_000);
  });

  it('forgets failures older than an hour', () => {
    const clock = new ManualCloudClock(0);
    const th = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) th.failed('u', 'a');
    clock.advance(61 * 60_000);
    th.failed('u', 'a');
    expect(th.retryAfterMs('u', 'a')).toBe(0);
  });
});
