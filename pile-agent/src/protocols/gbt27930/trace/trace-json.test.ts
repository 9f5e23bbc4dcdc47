// The memoizing JSON stage of `gbt decode`: its output equals decoding every line and formatting
// each record (candump-trace.ts + json-line.ts) on repeating traffic, TP transfers whose last frame
// repeats, bad lines, several interfaces, --tp, and captures that hardly repeat.
import { describe, expect, it } from 'vitest';
import { formatCandumpLine } from '../../candump/candump-line.js';
import { VECTOR_A, VECTOR_C, candumpLinesOf } from '../fixtures/index.js';
import { CandumpTraceDecoder, type TraceOptions } from './candump-trace.js';
import { jsonLine } from './json-line.js';
import { TraceJsonFormatter } from './trace-json.js';

function reference(lines: readonly string[], options?: TraceOptions): string {
  const d = new CandumpTraceDecoder(options);
  return lines
    .map((l, i) =>
      d
        .line(l, i + 1)
        .map((r) => `${jsonLine(r as unknown as Record<string, unknown>)}\n`)
        .join(''),
    )
    .join('');
}

function formatted(lines: readonly string[], options?: TraceOptions): { text: string; hitRate: number } {
  const f = new TraceJsonFormatter(options);
  return { text: lines.map((l, i) => f.line(l, i + 1)).join(''), hitRate: f.hitRate };
}

/** The vectors' sessions played `rounds` times, shifted in time, on two interfaces, with bad lines between. */
function repeating(rounds: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < rounds; r++) {
    out.push(...candumpLinesOf(VECTOR_A, 1_700_000_000 + r * 10, 'can0'));
    out.push(...candumpLinesOf(VECTOR_C, 1_700_000_005 + r * 10, 'can1'));
    out.push('garbage', '', '# comment', `(${1_700_000_009 + r * 10}.500000) can0 182756F4#50`, `(${1_700_000_009 + r * 10}) can0 1826F456#010100`);
  }
  return out;
}

describe('gbt decode: memoized JSON lines', () => {
  it('equal decoding every line, on traffic that repeats (four lines in ten from the memo)', () => {
    const lines = repeating(40);
    const got = formatted(lines);
    expect(got.text).toBe(reference(lines));
    expect(got.hitRate).toBeGreaterThan(0.3); // the vectors are mostly TP frames, which are never memoized
  });

  it('a TP transfer repeated frame for frame is decoded again each time: the BRM follows its own RTS', () => {
    const lines = repeating(3);
    const text = formatted(lines).text;
    expect(text.match(/"msg": "BRM"/g)).toHaveLength(6);
    // The same last DT without its RTS completes nothing: a memo of the earlier BRM would print one.
    const lastDt = candumpLinesOf(VECTOR_C, 1_700_000_005, 'can1')
      .filter((l) => / 1CEB56F4#/.test(l))
      .at(-1)!;
    const f = new TraceJsonFormatter();
    lines.forEach((l, i) => f.line(l, i + 1));
    expect(f.line(lastDt.replace(/^\(\d+/, '(1800000000'), lines.length + 1)).toBe('');
  });

  it('equal decoding every line with --tp and the 2011 edition', () => {
    const lines = repeating(5);
    for (const o of [{ showTp: true }, { edition: '2011' as const }]) expect(formatted(lines, o).text).toBe(reference(lines, o));
  });

  it('a capture that hardly repeats stops using the memo and still prints the same', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const data = Uint8Array.of(i & 0xff, (i >> 8) & 0xff, 0x10, 0x27, 0x01, 0x00, 0x00, 0x00);
      lines.push(formatCandumpLine({ t: 1_700_000_000 + i / 100, iface: 'can0', id: 0x181056f4, extended: true, rtr: false, data }));
    }
    const got = formatted(lines);
    expect(got.text).toBe(reference(lines));
    expect(got.hitRate).toBe(0);
  });

  it('timestamps the fast path does not take (no fraction, leading dot) are decoded the long way', () => {
    const lines = ['(1700000000) can0 1826F456#010100', '(1700000000) can0 1826F456#010100', '(.5) can0 1826F456#010100', '(1700000000.250000)  can0 1826F456#010100'];
    expect(formatted(lines).text).toBe(reference(lines));
  });
});
