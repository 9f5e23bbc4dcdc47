// BCL, battery charging demand (GB/T 27930-2015 §10.4.1; reference §2.4): B→C, 5 bytes every 50 ms.
// Voltage demand 0.1 V/bit, current demand 0.1 A/bit −400 A, mode 0x01 CV / 0x02 CC.
// A mode byte other than 1/2 decodes to 'unknown' (encoded back as 0xFF).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, currentField, put16, putCurrent, u16 } from './codec-util.js';
import type { Bcl } from './types.js';

export function decodeBcl(d: Uint8Array): Result<Bcl, DecodeError> {
  const bad = badLength('bcl', d, 5, 8);
  if (bad) return bad;
  const current = currentField('bcl', 'current demand', u16(d, 2));
  if (typeof current !== 'number') return current;
  const mode = d[4] === 0x01 ? 'constant-voltage' : d[4] === 0x02 ? 'constant-current' : 'unknown';
  return ok({ name: 'BCL', voltageDemandDeciV: u16(d, 0), currentDemandDeciA: current, mode });
}

export function encodeBcl(m: Bcl): Uint8Array {
  const d = new Uint8Array(5);
  put16(d, 0, m.voltageDemandDeciV, 'BCL voltage demand');
  putCurrent(d, 2, m.currentDemandDeciA, 'BCL current demand');
  d[4] = m.mode === 'constant-voltage' ? 0x01 : m.mode === 'constant-current' ? 0x02 : 0xff;
  return d;
}
