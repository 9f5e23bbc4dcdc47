// CHM, charger handshake (GB/T 27930-2015 §10.1.1; reference §2.2): C→B, 3 bytes, protocol version
// byte 1 = minor, bytes 2–3 = major (LE); V1.1 = 01 01 00. 2015 only (a 2011 charger never sends it).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, put16, put8, u16 } from './codec-util.js';
import type { Chm } from './types.js';

export function decodeChm(d: Uint8Array): Result<Chm, DecodeError> {
  const bad = badLength('chm', d, 3, 8);
  if (bad) return bad;
  return ok({ name: 'CHM', version: { minor: d[0], major: u16(d, 1) } });
}

export function encodeChm(m: Chm): Uint8Array {
  const d = new Uint8Array(3);
  put8(d, 0, m.version.minor, 'CHM version minor');
  put16(d, 1, m.version.major, 'CHM version major');
  return d;
}
