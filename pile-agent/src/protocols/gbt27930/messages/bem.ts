// BEM, BMS error (GB/T 27930-2015 §10.7.1; reference §2.5): B→C, 4 bytes every 250 ms: which charger
// message the BMS timed out on (00 normal, 01 timeout, 10 not credible); unused bits fill 11.
// "CRM 0xAA timeout" = F4 F0 F0 FC (seen on a real bus; the refusal flow of vector C).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, status2, statusByte } from './codec-util.js';
import type { Bem } from './types.js';

export function decodeBem(d: Uint8Array): Result<Bem, DecodeError> {
  const bad = badLength('bem', d, 4, 8);
  if (bad) return bad;
  return ok({
    name: 'BEM',
    crm00: status2(d[0], 1),
    crmAA: status2(d[0], 3),
    ctsCml: status2(d[1], 1),
    cro: status2(d[1], 3),
    ccs: status2(d[2], 1),
    cst: status2(d[2], 3),
    csd: status2(d[3], 1),
  });
}

export function encodeBem(m: Bem): Uint8Array {
  return Uint8Array.of(statusByte(m.crm00, m.crmAA), statusByte(m.ctsCml, m.cro), statusByte(m.ccs, m.cst), statusByte(m.csd));
}
