// One JSON object per line in the layout technicians' tools expect from `gbt decode`:
// `{"t": 1700000000.0, "iface": "can0", ...}` — ", " and ": " separators, `t` always with a decimal
// point, byte arrays as upper-case hex strings. Pure; the output is valid JSON for any parser.
import { toHex } from '../../../shared/hex.js';

/** `"key": ` for each key seen (message field names: a few dozen), so a key is quoted once. */
const quoted = new Map<string, string>();
const keyOf = (key: string): string => {
  let q = quoted.get(key);
  if (q === undefined && quoted.size < 4096) quoted.set(key, (q = `${JSON.stringify(key)}: `));
  return q ?? `${JSON.stringify(key)}: `;
};

export function jsonLine(record: Readonly<Record<string, unknown>>): string {
  let out = '{';
  let first = true;
  for (const key in record) {
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? '' : ', ') + keyOf(key) + (key === 't' && typeof v === 'number' ? seconds(v) : value(v));
    first = false;
  }
  return `${out}}`;
}

/**
 * Seconds as a float literal: 1700000000 → "1700000000.0", 1700000000.01 → "1700000000.01". A time
 * with whole microseconds (what candump writes) is printed from integers — the same text as
 * String(t), which is the shortest that reads back as t, a quarter of the cost; anything else by String.
 */
export function seconds(t: number): string {
  if (Number.isInteger(t)) return t.toFixed(1);
  const us = Math.round(t * 1e6);
  if (t > 0 && t < 4e9 && us / 1e6 === t) {
    const whole = Math.floor(us / 1e6);
    let frac = String(us - whole * 1e6).padStart(6, '0');
    let end = 6;
    while (frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    return `${whole}.${frac}`;
  }
  return String(t);
}

function value(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object':
      if (v instanceof Uint8Array) return JSON.stringify(toHex(v));
      if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
      return jsonLine(v as Record<string, unknown>);
    default:
      return 'null';
  }
}
