// BSP, battery reserved (GB/T 27930-2015 §10.4.7; reference §2.4): B→C, optional, TP, 10 s; 16
// reserved bytes (SPN 3491–3506) kept raw as hex, any length 1..1785 accepted.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { fromHex, toHex } from '../../../shared/hex.js';
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import { badLength } from './codec-util.js';
import type { Bsp } from './types.js';

export function decodeBsp(d: Uint8Array): Result<Bsp, DecodeError> {
  const bad = badLength('bsp', d, 1, 1785);
  if (bad) return bad;
  return ok({ name: 'BSP', raw: toHex(d) });
}

export function encodeBsp(m: Bsp): Uint8Array {
  const d = fromHex(m.raw);
  if (!d || d.length < 1) throw new AgentError(AgentErrorCode.CodecInvariant, `BSP raw is not hex: ${m.raw}`);
  return d;
}
