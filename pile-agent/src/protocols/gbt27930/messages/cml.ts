// CML, charger maximum output capability (GB/T 27930-2015 §10.3.3; reference §2.3): C→B, 8 bytes
// (2011: 6, no minimum current). Voltages 0.1 V/bit, currents 0.1 A/bit −400 A. §7.6: a real charger
// sent an impossible minimum current, so raw currents outside 0..4000 are a named error.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, currentField, put16, putCurrent, u16 } from './codec-util.js';
import type { Cml, Edition } from './types.js';

export function decodeCml(d: Uint8Array): Result<Cml, DecodeError> {
  const bad = badLength('cml', d, 6, 8, [6, 8]);
  if (bad) return bad;
  const max = currentField('cml', 'max output current', u16(d, 4));
  if (typeof max !== 'number') return max;
  let min: number | null = null;
  if (d.length === 8 && u16(d, 6) !== 0xffff) {
    const r = currentField('cml', 'min output current', u16(d, 6));
    if (typeof r !== 'number') return r;
    min = r;
  }
  return ok({
    name: 'CML',
    maxOutputVoltageDeciV: u16(d, 0),
    minOutputVoltageDeciV: u16(d, 2),
    maxOutputCurrentDeciA: max,
    minOutputCurrentDeciA: min,
  });
}

/** 2015: 8 bytes (null minimum current → FF FF); 2011: 6 bytes. */
export function encodeCml(m: Cml, edition: Edition = '2015'): Uint8Array {
  const d = new Uint8Array(edition === '2011' ? 6 : 8).fill(0xff);
  put16(d, 0, m.maxOutputVoltageDeciV, 'CML max output voltage');
  put16(d, 2, m.minOutputVoltageDeciV, 'CML min output voltage');
  putCurrent(d, 4, m.maxOutputCurrentDeciA, 'CML max output current');
  if (edition !== '2011' && m.minOutputCurrentDeciA !== null) putCurrent(d, 6, m.minOutputCurrentDeciA, 'CML min output current');
  return d;
}
