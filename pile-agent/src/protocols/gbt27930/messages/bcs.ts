// BCS, battery charging overall status (GB/T 27930-2015 §10.4.2; reference §2.4): B→C, 9 bytes by TP.
// Measured voltage 0.1 V, current 0.1 A −400 A, highest cell word (bits 1–12 0.01 V, bits 13–16 group),
// SOC 1 %, remaining time 1 min (0–600; larger values are accepted as sent).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, currentField, outOfRange, put16, put8, putCurrent, u16 } from './codec-util.js';
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import type { Bcs } from './types.js';

export function decodeBcs(d: Uint8Array): Result<Bcs, DecodeError> {
  const bad = badLength('bcs', d, 9, 9);
  if (bad) return bad;
  const current = currentField('bcs', 'measured current', u16(d, 2));
  if (typeof current !== 'number') return current;
  if (d[6] > 100) return outOfRange('bcs', 'SOC', d[6], '0..100 %');
  const cell = u16(d, 4);
  return ok({
    name: 'BCS',
    measuredVoltageDeciV: u16(d, 0),
    measuredCurrentDeciA: current,
    highestCellVoltageCentiV: cell & 0x0fff,
    highestCellGroup: cell >>> 12,
    socPercent: d[6],
    remainingMin: u16(d, 7),
  });
}

export function encodeBcs(m: Bcs): Uint8Array {
  const d = new Uint8Array(9);
  put16(d, 0, m.measuredVoltageDeciV, 'BCS measured voltage');
  putCurrent(d, 2, m.measuredCurrentDeciA, 'BCS measured current');
  if (m.highestCellVoltageCentiV > 0xfff || m.highestCellGroup > 15 || m.highestCellGroup < 0) {
    throw new AgentError(AgentErrorCode.CodecInvariant, 'BCS highest cell: voltage 0..4095 cV, group 0..15');
  }
  put16(d, 4, (m.highestCellGroup << 12) | m.highestCellVoltageCentiV, 'BCS highest cell');
  put8(d, 6, m.socPercent, 'BCS SOC');
  put16(d, 7, m.remainingMin, 'BCS remaining time');
  return d;
}
