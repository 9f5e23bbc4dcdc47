// The clock port: wall time and timers. Machines never hold timers (house rule R8); runners ask
// this port for them, so unit tests drive time with FakeClock (shared/fake-clock.ts).

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch (wall clock, used for records). */
  now(): number;
  /** Monotonic milliseconds (used for latency and timeouts). */
  monotonic(): number;
  /** Calls fn once after ms; cancel() before it fires prevents the call. */
  setTimer(ms: number, fn: () => void): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};
