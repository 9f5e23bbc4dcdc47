// Progress of a long upload or download on stderr: a redrawn bar with bytes when stderr is a
// terminal, otherwise one plain "label: NN%" line per 10 %. Small transfers (below minBytes) show
// nothing. Pure bookkeeping around a writable; the HTTP client feeds it byte counts.

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Transfers smaller than this show no progress. */
export const PROGRESS_MIN_BYTES = 256 * 1024;

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

export class Progress {
  private done = 0;
  private lastStep = -1;
  private lastDrawMs = -Infinity;
  private readonly active: boolean;
  private readonly now: () => number;

  constructor(
    private readonly label: string,
    private readonly totalBytes: number | null,
    private readonly sink: ProgressSink,
    opts: { enabled?: boolean; minBytes?: number; nowMs?: () => number } = {},
  ) {
    this.now = opts.nowMs ?? Date.now;
    const big = totalBytes === null || totalBytes >= (opts.minBytes ?? PROGRESS_MIN_BYTES);
    this.active = (opts.enabled ?? true) && big;
  }

  /** True when this transfer draws progress (big enough, enabled). */
  get shown(): boolean {
    return this.active;
  }

  add(bytes: number): void {
    this.done += bytes;
    if (!this.active) return;
    if (this.sink.isTTY) {
      const t = this.now();
      if (t - this.lastDrawMs < 100 && this.done !== this.totalBytes) return;
      this.lastDrawMs = t;
      this.sink.write(`\r${this.bar()}`);
      return;
    }
    if (!this.totalBytes) return;
    const step = Math.floor((this.done / this.totalBytes) * 10);
    if (step > this.lastStep) {
      this.lastStep = step;
      this.sink.write(`${this.label}: ${Math.min(100, step * 10)}%\n`);
    }
  }

  /** Ends the bar line (TTY); the plain mode already printed 100 %. */
  finish(): void {
    if (this.active && this.sink.isTTY) this.sink.write(`\r${this.bar()}\n`);
  }

  private bar(): string {
    if (!this.totalBytes) return `${this.label} ${mb(this.done)} MB`;
    const frac = Math.min(1, this.done / this.totalBytes);
    const width = 30;
    const full = Math.round(frac * width);
    const pct = String(Math.floor(frac * 100)).padStart(3);
    return `${this.label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${pct}% ${mb(this.done)}/${mb(this.totalBytes)} MB`;
  }
}
