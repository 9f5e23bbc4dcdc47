// At most one whitelist resync in flight (contract page "whitelist/request"): a pile that sees gaps,
// duplicated or reordered pages asks once, then waits for the answer; a further request goes out only
// after a wait that doubles with each unanswered request (2 s to 60 s), so one bad page cannot set off
// a storm of snapshots. Progress of the answer (a snapshot part staged) extends the wait; a page applied
// whole settles it. Pure: time comes in as monotonic milliseconds.

export interface ResyncPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_RESYNC: ResyncPolicy = { baseMs: 2_000, capMs: 60_000 };

export class ResyncGate {
  private attempt = 0;
  private until = -Infinity;
  /** Requests held back by the gate since the last one sent (for logs and tests). */
  suppressed = 0;

  constructor(
    private readonly now: () => number,
    private readonly policy: ResyncPolicy = DEFAULT_RESYNC,
  ) {}

  /** True when a request may go out now; the caller then sends exactly one. */
  tryRequest(): boolean {
    const t = this.now();
    if (t < this.until) {
      this.suppressed++;
      return false;
    }
    this.until = t + Math.min(this.policy.capMs, this.policy.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    this.suppressed = 0;
    return true;
  }

  /** Part of the answer arrived: keep waiting for the rest. */
  progress(): void {
    if (this.attempt > 0) this.until = Math.max(this.until, this.now() + this.policy.baseMs);
  }

  /** A page applied whole: the cache is in step again. */
  settled(): void {
    this.attempt = 0;
    this.until = -Infinity;
  }

  /** A request is out and unanswered. */
  get waiting(): boolean {
    return this.now() < this.until;
  }
}
