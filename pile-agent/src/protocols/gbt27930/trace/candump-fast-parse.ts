// A fast path for the canonical `candump -L` line of an extended frame,
// `(1700000000.000000) can0 1CEB56F4#0101010003F00A80` (single spaces, 8-digit id, 0–8 data bytes),
// with char-code arithmetic instead of regular expressions, for `gbt decode` on large captures.
// Anything else returns null and the caller uses parseCandumpLine (which names every error), so
// the result is always what parseCandumpLine would return (tested on the same inputs).
import type { CandumpRecord } from '../../candump/candump-line.js';

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * The index of the ')' closing a canonical timestamp — `(digits)` or `(digits.digits)` followed by a
 * space — or -1. The text after it is what the rest of the fast parse reads.
 */
export function canonicalTimestampEnd(line: string): number {
  if (line.charCodeAt(0) !== 40) return -1; // '('
  const close = line.indexOf(')', 1);
  if (close < 2) return -1;
  let dots = 0;
  for (let i = 1; i < close; i++) {
    const c = line.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return -1;
  }
  if (dots > 1 || line.charCodeAt(1) === 46 || line.charCodeAt(close - 1) === 46 || line.charCodeAt(close + 1) !== 32) return -1;
  return close;
}

export function parseCandumpFast(line: string): CandumpRecord | null {
  const n = line.length;
  if (n < 15 || line.charCodeAt(0) !== 40) return null; // '('
  const close = canonicalTimestampEnd(line);
  if (close < 0) return null;
  const sp = line.indexOf(' ', close + 2);
  if (sp <= close + 2) return null;
  // Printable ASCII only: anything else (U+00A0 and the other spaces a regex \s matches) goes to the full parser.
  for (let i = close + 2; i < sp; i++) {
    const c = line.charCodeAt(i);
    if (c <= 32 || c > 126) return null;
  }
  const hash = sp + 9;
  if (hash >= n || line.charCodeAt(hash) !== 35) return null; // '#'
  let id = 0;
  for (let i = sp + 1; i < hash; i++) {
    const v = hexNibble(line.charCodeAt(i));
    if (v < 0) return null;
    id = id * 16 + v;
  }
  if (id > 0x1fffffff) return null;
  const digits = n - hash - 1;
  if (digits % 2 !== 0 || digits > 16) return null;
  const data = new Uint8Array(digits / 2);
  for (let i = 0, o = hash + 1; i < data.length; i++, o += 2) {
    const hi = hexNibble(line.charCodeAt(o));
    const lo = hexNibble(line.charCodeAt(o + 1));
    if (hi < 0 || lo < 0) return null;
    data[i] = (hi << 4) | lo;
  }
  return { t: Number(line.slice(1, close)), iface: ifaceOf(line, close + 2, sp), id, extended: true, rtr: false, data };
}

/** The interface name, reusing the previous line's string when it is the same (a capture has one or a few). */
let lastIface = '';
function ifaceOf(line: string, from: number, to: number): string {
  if (to - from === lastIface.length && line.startsWith(lastIface, from)) return lastIface;
  return (lastIface = line.slice(from, to));
}
