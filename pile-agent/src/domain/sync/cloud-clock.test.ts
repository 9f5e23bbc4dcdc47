// The cloud clock estimate: the offset from a reply's midpoint, the shortest round trip wins,
// replies to nothing asked are ignored.
import { describe, expect, it } from 'vitest';
import { CloudClock } from './cloud-clock.js';

const CLOUD = Date.UTC(2026, 4, 1, 8);

describe('CloudClock', () => {
  it('knows nothing before the first reply', () => {
    expect(new CloudClock(() => 0).now()).toBeNull();
  });

  it('estimates the cloud time from the midpoint of a round trip', () => {
    let t = 1_000;
    const c = new CloudClock(() => t);
    c.sent('h1');
    t = 1_200;
    c.reply('h1', new Date(CLOUD).toISOString());
    expect(c.now()).toBe(CLOUD + 100);
    t = 61_200;
    expect(c.now()).toBe(CLOUD + 60_100);
  });

  it('prefers the sample with the shortest round trip', () => {
    let t = 0;
    const c = new CloudClock(() => t);
    c.sent('a');
    t = 4_000;
    c.reply('a', new Date(CLOUD + 3_000).toISOString()); // offset CLOUD + 1000, rtt 4 s
    c.sent('b');
    t = 4_010;
    c.reply('b', new Date(CLOUD + 5).toISOString()); // offset CLOUD - 4000, rtt 10 ms
    expect(c.now()).toBe(CLOUD + 5 + 5);
  });

  it('ignores replies to requests it never sent, twice-answered ones and unreadable times', () => {
    let t = 0;
    const c = new CloudClock(() => t);
    c.reply('nobody', new Date(CLOUD).toISOString());
    c.reply(undefined, new Date(CLOUD).toISOString());
    c.sent('x');
    c.reply('x', 'not a time');
    expect(c.now()).toBeNull();
    c.sent('y');
    t = 10;
    c.reply('y', new Date(CLOUD).toISOString());
    c.reply('y', new Date(CLOUD + 999_999).toISOString());
    expect(c.now()).toBe(CLOUD + 5);
  });
});
