// SLCAN framer, reference gbt27930.md §5.1: turns a serial byte stream (arbitrary chunk boundaries)
// into tokens — one `line` per CR (CR stripped, LF ignored), BELL (0x07) as its own `bell` token,
// and `garbage` for a line with non-printable bytes or longer than the limit, after which it resyncs
// at the next CR. Knows nothing about line meaning (slcan-codec.ts does). Pure: no I/O, no timers.
import { SLCAN_MAX_LINE } from './slcan-codec.js';

export type SlcanToken =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'bell' }
  | { readonly kind: 'garbage'; readonly reason: 'non-ascii' | 'too-long'; readonly length: number; readonly preview: string };

const CR = 0x0d;
const LF = 0x0a;
const BELL = 0x07;

export class SlcanFramer {
  private readonly buf: Uint8Array;
  private len = 0;
  /** Bytes seen in the current line, including the ones not kept after an overflow. */
  private seen = 0;
  private nonAscii = false;

  constructor(private readonly maxLineLength = SLCAN_MAX_LINE) {
    this.buf = new Uint8Array(maxLineLength);
  }

  /** Feeds one chunk; returns the tokens it completes, in stream order. Never throws. */
  push(chunk: Uint8Array): SlcanToken[] {
    const out: SlcanToken[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === CR) {
        out.push(this.finishLine());
      } else if (b === BELL) {
        // A BELL is a complete reply on its own; a partial line around it is kept (§5.1).
        out.push({ kind: 'bell' });
      } else if (b === LF) {
        // Some adapters and terminals send CR LF; LF carries no meaning in SLCAN.
      } else {
        if (b < 0x20 || b > 0x7e) this.nonAscii = true;
        if (this.len < this.maxLineLength) this.buf[this.len++] = b;
        this.seen++;
      }
    }
    return out;
  }

  /** Bytes of an unterminated line waiting for its CR. */
  get pendingLength(): number {
    return this.seen;
  }

  /** Drops any partial line (after a reopen, for instance). */
  reset(): void {
    this.len = 0;
    this.seen = 0;
    this.nonAscii = false;
  }

  private finishLine(): SlcanToken {
    const text = String.fromCharCode(...this.buf.subarray(0, this.len));
    const seen = this.seen;
    const nonAscii = this.nonAscii;
    this.reset();
    if (nonAscii) {
      return { kind: 'garbage', reason: 'non-ascii', length: seen, preview: text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40) };
    }
    if (seen > this.maxLineLength) return { kind: 'garbage', reason: 'too-long', length: seen, preview: text.slice(0, 40) };
    return { kind: 'line', text };
  }
}
