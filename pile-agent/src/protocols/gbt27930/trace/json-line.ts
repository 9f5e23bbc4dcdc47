// One JSON object per line in the layout technicians' tools expect from `gbt decode`:
// `{"t": 1700000000.0, "iface": "can0", ...}` — ", " and ": " separators, `t` always with a decimal
// point, byte arrays as upper-case hex strings. Pure; the output is valid JSON for any parser.
import { toHex } from '../../../shared/hex.js';

export function jsonLine(record: Readonly<Record<string, unknown>>): string {
  let out = '{';
  let first = true;
  for (const key in record) {
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? '' : ', ') + JSON.stringify(key) + ': ' + (key === 't' && typeof v === 'number' ? seconds(v) : value(v));
    first = false;
  }
  return out + '}';
}

/** Seconds as a float literal: 1700000000 → "1700000000.0". */
function seconds(t: number): string {
  return Number.isInteger(t) ? t.toFixed(1) : String(t);
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
      if (Array.isArray(v)) return '[' + v.map(value).join(', ') + ']';
      return jsonLine(v as Record<string, unknown>);
    default:
      return 'null';
  }
}
