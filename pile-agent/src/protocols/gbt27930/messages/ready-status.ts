// The shared 1-byte ready value of BRO and CRO (reference §2.3): 0x00 not ready, 0xAA ready,
// 0xFF invalid; any other value is a named out-of-range error.
import { decodeError, ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength } from './codec-util.js';
import type { ReadyStatus } from './types.js';

const BYTE: Record<ReadyStatus, number> = { 'not-ready': 0x00, ready: 0xaa, invalid: 0xff };

export function decodeReady(msg: string, d: Uint8Array): Result<ReadyStatus, DecodeError> {
  const bad = badLength(msg, d, 1, 8);
  if (bad) return bad;
  if (d[0] === 0x00) return ok('not-ready');
  if (d[0] === 0xaa) return ok('ready');
  if (d[0] === 0xff) return ok('invalid');
  return decodeError(`${msg}.out-of-range`, `${msg.toUpperCase()} must be 0x00, 0xAA or 0xFF, got 0x${d[0].toString(16)}`);
}

export const encodeReady = (s: ReadyStatus): Uint8Array => Uint8Array.of(BYTE[s]);
