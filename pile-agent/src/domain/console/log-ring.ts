// A Logger that forwards every record to an inner logger and keeps the last N as text lines for
// the console's `log tail`: `<ISO time> <LEVEL> <bindings> <msg> <fields as JSON>`. Fixed memory
// (a ring); records are formatted when they are logged, so later mutation of objects does not show.
import type { Logger } from '../../shared/logger.js';
import { isoSeconds } from './format.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

export class LogRing {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number,
  ) {}

  /** Records one line (used by the loggers this ring hands out). */
  push(level: Level, bindings: Readonly<Record<string, unknown>>, obj: object | string, msg?: string): void {
    const ns = Object.entries(bindings)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const text = typeof obj === 'string' ? obj : (msg ?? '');
    const fields = typeof obj === 'string' ? '' : safeJson(obj);
    const line = [isoSeconds(this.now()), level.toUpperCase(), ns, text, fields].filter((p) => p.length > 0).join(' ');
    if (this.lines.length < this.capacity) this.lines.push(line);
    else this.lines[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The last n lines, oldest first. */
  tail(n: number): string[] {
    const ordered = this.lines.length < this.capacity ? this.lines : [...this.lines.slice(this.next), ...this.lines.slice(0, this.next)];
    return ordered.slice(Math.max(0, ordered.length - n));
  }

  /** A logger that writes to `inner` and to this ring. */
  logger(inner: Logger, bindings: Readonly<Record<string, unknown>> = {}): Logger {
    const at = (level: Level) => (obj: object | string, msg?: string) => {
      if (level !== 'debug') this.push(level, bindings, obj, msg);
      inner[level](obj, msg);
    };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (b) => this.logger(inner.child(b), { ...bindings, ...b }),
    };
  }
}

function safeJson(obj: object): string {
  try {
    const s = JSON.stringify(obj);
    return s === '{}' ? '' : s;
  } catch {
    return '[unserialisable]';
  }
}
