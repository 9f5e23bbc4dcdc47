// CTS, charger time synchronisation (GB/T 27930-2015 §10.3.2; reference §2.3): C→B, 7 bytes of packed
// BCD, seconds first: s, min, h, day, month, year low (YY), year high (century) — the year byte order
// is unconfirmed [U]. All-0xFF (common) or any non-BCD / impossible value decodes to time null;
// encoding null gives 7 × 0xFF. A BMS must not depend on CTS.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, fromBcd, toBcd } from './codec-util.js';
import type { Cts, CtsTime } from './types.js';

export function decodeCts(d: Uint8Array): Result<Cts, DecodeError> {
  const bad = badLength('cts', d, 7, 8);
  if (bad) return bad;
  return ok({ name: 'CTS', time: bcdTime(d) });
}

function bcdTime(d: Uint8Array): CtsTime | null {
  const v = [0, 1, 2, 3, 4, 5, 6].map((i) => fromBcd(d[i]));
  if (v.some((x) => x === null)) return null;
  const [second, minute, hour, day, month, yy, cc] = v as number[];
  if (second > 59 || minute > 59 || hour > 23 || day < 1 || day > 31 || month < 1 || month > 12) return null;
  return { year: cc * 100 + yy, month, day, hour, minute, second };
}

export function encodeCts(m: Cts): Uint8Array {
  const d = new Uint8Array(7).fill(0xff);
  const t = m.time;
  if (!t) return d;
  d[0] = toBcd(t.second, 'CTS second');
  d[1] = toBcd(t.minute, 'CTS minute');
  d[2] = toBcd(t.hour, 'CTS hour');
  d[3] = toBcd(t.day, 'CTS day');
  d[4] = toBcd(t.month, 'CTS month');
  d[5] = toBcd(t.year % 100, 'CTS year');
  d[6] = toBcd(Math.floor(t.year / 100), 'CTS century');
  return d;
}
