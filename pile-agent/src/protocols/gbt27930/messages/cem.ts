// CEM, charger error (GB/T 27930-2015 §10.7.2; reference §2.5): C→B, 4 bytes every 250 ms: which BMS
// message the charger timed out on. Idle FC F0 C0 FC; BRM timeout FD F0 C0 FC; unused bits fill 11.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, status2, statusByte } from './codec-util.js';
import type { Cem } from './types.js';

export function decodeCem(d: Uint8Array): Result<Cem, DecodeError> {
  const bad = badLength('cem', d, 4, 8);
  if (bad) return bad;
  return ok({
    name: 'CEM',
    brm: status2(d[0], 1),
    bcp: status2(d[1], 1),
    bro: status2(d[1], 3),
    bcs: status2(d[2], 1),
    bcl: status2(d[2], 3),
    bst: status2(d[2], 5),
    bsd: status2(d[3], 1),
  });
}

export function encodeCem(m: Cem): Uint8Array {
  return Uint8Array.of(statusByte(m.brm), statusByte(m.bcp, m.bro), statusByte(m.bcs, m.bcl, m.bst), statusByte(m.bsd));
}
