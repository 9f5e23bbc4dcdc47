// BRO, BMS ready for charging (GB/T 27930-2015 §10.3.4; reference §2.3): B→C, 1 byte (SPN 2829).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { decodeReady, encodeReady } from './ready-status.js';
import type { Bro } from './types.js';

export function decodeBro(d: Uint8Array): Result<Bro, DecodeError> {
  const r = decodeReady('bro', d);
  return r.ok ? ok({ name: 'BRO', status: r.value }) : r;
}

export const encodeBro = (m: Bro): Uint8Array => encodeReady(m.status);
