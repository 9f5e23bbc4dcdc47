// BHM, BMS handshake (GB/T 27930-2015 §10.1.2; reference §2.2): B→C, 2 bytes, maximum allowable
// total charging voltage, 0.1 V/bit; the charger caps its insulation-test voltage with it.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, put16, u16 } from './codec-util.js';
import type { Bhm } from './types.js';

export function decodeBhm(d: Uint8Array): Result<Bhm, DecodeError> {
  const bad = badLength('bhm', d, 2, 8);
  if (bad) return bad;
  return ok({ name: 'BHM', maxChargeVoltageDeciV: u16(d, 0) });
}

export function encodeBhm(m: Bhm): Uint8Array {
  const d = new Uint8Array(2);
  put16(d, 0, m.maxChargeVoltageDeciV, 'BHM max charge voltage');
  return d;
}
