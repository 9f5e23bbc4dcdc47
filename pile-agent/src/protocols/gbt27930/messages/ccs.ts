// CCS, charger charging status (GB/T 27930-2015 §10.4.3; reference §2.4): C→B every 50 ms. Output
// voltage 0.1 V, current 0.1 A −400 A, charging time 1 min, byte 7 bits 1–2 charging permitted
// (00 paused, 01 permitted; bits 3–8 fill → 0xFC / 0xFD), byte 8 undefined (0xFF). DLC 8, 7 (real
// 2015 chargers) and 6 (2011, no permitted field → null) are all accepted.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, currentField, put16, putCurrent, u16 } from './codec-util.js';
import type { Ccs, Edition } from './types.js';

export function decodeCcs(d: Uint8Array): Result<Ccs, DecodeError> {
  const bad = badLength('ccs', d, 6, 8, [6, 7, 8]);
  if (bad) return bad;
  const current = currentField('ccs', 'output current', u16(d, 2));
  if (typeof current !== 'number') return current;
  const bits = d.length >= 7 ? d[6] & 0x3 : 3;
  return ok({
    name: 'CCS',
    outputVoltageDeciV: u16(d, 0),
    outputCurrentDeciA: current,
    chargingTimeMin: u16(d, 4),
    permitted: bits === 1 ? true : bits === 0 ? false : null,
  });
}

/** 2011 → 6 bytes; 2015 → `dlc` bytes (8 as the standard's table, or 7 as real chargers send). */
export function encodeCcs(m: Ccs, edition: Edition = '2015', dlc: 7 | 8 = 8): Uint8Array {
  const d = new Uint8Array(edition === '2011' ? 6 : dlc).fill(0xff);
  put16(d, 0, m.outputVoltageDeciV, 'CCS output voltage');
  putCurrent(d, 2, m.outputCurrentDeciA, 'CCS output current');
  put16(d, 4, m.chargingTimeMin, 'CCS charging time');
  if (edition !== '2011' && m.permitted !== null) d[6] = m.permitted ? 0xfd : 0xfc;
  return d;
}
