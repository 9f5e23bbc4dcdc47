// CRO, charger output ready (GB/T 27930-2015 §10.3.5; reference §2.3): C→B, 1 byte (SPN 2830).
// 0xAA only after the authorisation decision allowed the session (reference §4.6).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { decodeReady, encodeReady } from './ready-status.js';
import type { Cro } from './types.js';

export function decodeCro(d: Uint8Array): Result<Cro, DecodeError> {
  const r = decodeReady('cro', d);
  return r.ok ? ok({ name: 'CRO', status: r.value }) : r;
}

export const encodeCro = (m: Cro): Uint8Array => encodeReady(m.status);
