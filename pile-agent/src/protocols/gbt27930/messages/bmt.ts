// BMT, battery temperatures (GB/T 27930-2015 §10.4.6; reference §2.4): B→C, optional, TP, 10 s.
// 1 byte per probe, up to 128 probes, 1 °C/bit −50 °C.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, putTemp, tempFromRaw } from './codec-util.js';
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import type { Bmt } from './types.js';

export function decodeBmt(d: Uint8Array): Result<Bmt, DecodeError> {
  const bad = badLength('bmt', d, 1, 128);
  if (bad) return bad;
  return ok({ name: 'BMT', temperaturesC: Array.from(d, tempFromRaw) });
}

export function encodeBmt(m: Bmt): Uint8Array {
  if (m.temperaturesC.length < 1 || m.temperaturesC.length > 128) throw new AgentError(AgentErrorCode.CodecInvariant, 'BMT carries 1..128 probes');
  const d = new Uint8Array(m.temperaturesC.length);
  m.temperaturesC.forEach((t, i) => putTemp(d, i, t, `BMT probe ${i + 1}`));
  return d;
}
