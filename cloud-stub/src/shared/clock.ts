// The cloud's time source: a port so tests pin "now" (token expiry, login throttle, ledger times).
// ISO strings on the wire and in rows are always UTC (`toISOString`).

export interface CloudClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemCloudClock: CloudClock = { now: () => Date.now() };

/** A settable clock for tests. */
export class ManualCloudClock implements CloudClock {
  constructor(private ms: number = Date.parse('2024-05-01T00:00:00Z')) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
