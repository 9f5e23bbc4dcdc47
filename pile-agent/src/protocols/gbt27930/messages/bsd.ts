// BSD, BMS statistics (GB/T 27930-2015 §10.6.1; reference §2.5): B→C, 7 bytes. SOC 1 % (0–100),
// lowest / highest cell voltage 0.01 V (0–24 V), lowest / highest temperature −50 °C.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, outOfRange, put16, put8, putTemp, tempFromRaw, u16 } from './codec-util.js';
import type { Bsd } from './types.js';

export function decodeBsd(d: Uint8Array): Result<Bsd, DecodeError> {
  const bad = badLength('bsd', d, 7, 8);
  if (bad) return bad;
  if (d[0] > 100) return outOfRange('bsd', 'SOC', d[0], '0..100 %');
  return ok({
    name: 'BSD',
    socPercent: d[0],
    minCellVoltageCentiV: u16(d, 1),
    maxCellVoltageCentiV: u16(d, 3),
    minTemperatureC: tempFromRaw(d[5]),
    maxTemperatureC: tempFromRaw(d[6]),
  });
}

export function encodeBsd(m: Bsd): Uint8Array {
  const d = new Uint8Array(7);
  put8(d, 0, m.socPercent, 'BSD SOC');
  put16(d, 1, m.minCellVoltageCentiV, 'BSD min cell voltage');
  put16(d, 3, m.maxCellVoltageCentiV, 'BSD max cell voltage');
  putTemp(d, 5, m.minTemperatureC, 'BSD min temperature');
  putTemp(d, 6, m.maxTemperatureC, 'BSD max temperature');
  return d;
}
