// The resync gate: one request in flight, later ones held until the doubling wait ends; progress
// extends the wait, a whole page settles it.
import { describe, expect, it } from 'vitest';
import { ResyncGate } from './resync-gate.js';

describe('ResyncGate', () => {
  it('lets one request out, holds the next until its wait ends, then doubles the wait', () => {
    let t = 0;
    const g = new ResyncGate(() => t, { baseMs: 1000, capMs: 8000 });
    expect(g.tryRequest()).toBe(true);
    expect(g.tryRequest()).toBe(false);
    expect(g.suppressed).toBe(1);
    t = 999;
    expect(g.tryRequest()).toBe(false);
    t = 1000;
    expect(g.tryRequest()).toBe(true);
    t = 2999;
    expect(g.tryRequest()).toBe(false);
    t = 3000;
    expect(g.tryRequest()).toBe(true);
    t = 3000 + 3999;
    expect(g.tryRequest()).toBe(false);
  });

  it('caps the wait', () => {
    let t = 0;
    const g = new ResyncGate(() => t, { baseMs: 1000, capMs: 4000 });
    for (let i = 0; i < 10; i++) {
      expect(g.tryRequest()).toBe(true);
      t += 4000;
    }
  });

  it('progress keeps the gate closed while the answer arrives; settled opens it', () => {
    let t = 0;
    const g = new ResyncGate(() => t, { baseMs: 1000, capMs: 8000 });
    g.tryRequest();
    t = 900;
    g.progress();
    t = 1500;
    expect(g.waiting).toBe(true);
    expect(g.tryRequest()).toBe(false);
    g.settled();
    expect(g.waiting).toBe(false);
    expect(g.tryRequest()).toBe(true);
  });
});
