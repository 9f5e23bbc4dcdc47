// CRM, charger recognition (GB/T 27930-2015 §10.2.1; reference §2.2, §2.6): C→B, 8 bytes.
// Byte 1: 0x00 not recognised / 0xAA recognised. 2015: bytes 2–5 charger number u32 LE, 6–8 region
// (3 ASCII, FF FF FF absent). 2011: byte 2 charger number (1 byte), bytes 3–8 region (6 bytes).
// Both layouts are 8 bytes, so the edition is a parameter of both directions (default 2015).
import { decodeError, ok, type DecodeError, type Result } from '../../../shared/result.js';
import { asciiOrNull, badLength, put32, put8, putAscii, u32 } from './codec-util.js';
import type { Crm, Edition } from './types.js';

export const CRM_NOT_RECOGNISED = 0x00;
export const CRM_RECOGNISED = 0xaa;

export function decodeCrm(d: Uint8Array, edition: Edition = '2015'): Result<Crm, DecodeError> {
  const bad = badLength('crm', d, 8, 8);
  if (bad) return bad;
  if (d[0] !== CRM_NOT_RECOGNISED && d[0] !== CRM_RECOGNISED) {
    return decodeError('crm.out-of-range', `CRM recognition result must be 0x00 or 0xAA, got 0x${d[0].toString(16)}`);
  }
  const recognized = d[0] === CRM_RECOGNISED;
  if (edition === '2011') return ok({ name: 'CRM', recognized, chargerNumber: d[1], regionCode: asciiOrNull(d, 2, 6), edition });
  return ok({ name: 'CRM', recognized, chargerNumber: u32(d, 1), regionCode: asciiOrNull(d, 5, 3), edition });
}

/** The layout follows `edition` when given, else the message's own `edition` field. */
export function encodeCrm(m: Crm, edition: Edition = m.edition): Uint8Array {
  const d = new Uint8Array(8);
  d[0] = m.recognized ? CRM_RECOGNISED : CRM_NOT_RECOGNISED;
  if (edition === '2011') {
    put8(d, 1, m.chargerNumber, 'CRM 2011 charger number');
    putAscii(d, 2, 6, m.regionCode, 'CRM 2011 region code');
  } else {
    put32(d, 1, m.chargerNumber, 'CRM charger number');
    putAscii(d, 5, 3, m.regionCode, 'CRM region code');
  }
  return d;
}
