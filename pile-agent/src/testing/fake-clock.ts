// A deterministic Clock for tests and simulations: time moves only when advance() is called, and
// due timers fire in order of their deadline (ties in creation order). No real sleeps anywhere.
import type { Clock, TimerHandle } from '../ports/clock.port.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  monotonic(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const p: Pending = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }

  /** Moves time forward by ms, firing every timer that falls due (including ones set while firing). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      const next = this.pending.reduce<Pending | undefined>((a, p) => (p.at <= end && (!a || p.at < a.at || (p.at === a.at && p.seq < a.seq)) ? p : a), undefined);
      if (!next) break;
      this.t = Math.max(this.t, next.at);
      next.cancelled = true;
      next.fn();
    }
    this.t = end;
  }

  /** Number of timers still waiting. */
  get pendingCount(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}
