// BMV, cell voltages (GB/T 27930-2015 §10.4.5; reference §2.4): B→C, optional, TP, 10 s. 2 bytes per
// cell, up to 256 cells: bits 1–12 voltage 0.01 V/bit, bits 13–16 group. Odd length → bmv.length.
import { decodeError, ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, put16, u16 } from './codec-util.js';
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import type { Bmv } from './types.js';

export function decodeBmv(d: Uint8Array): Result<Bmv, DecodeError> {
  const bad = badLength('bmv', d, 2, 512);
  if (bad) return bad;
  if (d.length % 2) return decodeError('bmv.length', `BMV carries 2 bytes per cell, got ${d.length} bytes`);
  const cells = [];
  for (let o = 0; o < d.length; o += 2) {
    const w = u16(d, o);
    cells.push({ voltageCentiV: w & 0x0fff, group: w >>> 12 });
  }
  return ok({ name: 'BMV', cells });
}

export function encodeBmv(m: Bmv): Uint8Array {
  if (m.cells.length < 1 || m.cells.length > 256) throw new AgentError(AgentErrorCode.CodecInvariant, 'BMV carries 1..256 cells');
  const d = new Uint8Array(m.cells.length * 2);
  m.cells.forEach((c, i) => {
    if (c.voltageCentiV > 0xfff || c.group > 15) throw new AgentError(AgentErrorCode.CodecInvariant, `BMV cell ${i + 1} out of range`);
    put16(d, i * 2, (c.group << 12) | c.voltageCentiV, 'BMV cell');
  });
  return d;
}
