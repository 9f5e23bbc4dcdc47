// The 29-bit CAN identifier of GB/T 27930 frames ↔ {priority, pgn, destination, source}
// (GB/T 27930-2015 via SAE J1939-21 PDU1; reference §1.2–1.4). Pure; knows nothing of messages.
// PDU2 identifiers (PF ≥ 240, never used by GB/T) decode with destination 0xFF (global) so a trace
// of a mixed bus still shows them; encoding is PDU1 only.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';

export interface GbtCanId {
  /** 0 highest … 7 lowest (§1.2 bits 28–26). */
  readonly priority: number;
  /** Parameter group number; for PDU1 (PF < 240) = PF << 8, e.g. BRM 0x000200. */
  readonly pgn: number;
  /** PDU specific = destination address for PDU1; 0xFF (global) for PDU2. */
  readonly destination: number;
  readonly source: number;
}

export const CAN_EXT_ID_MAX = 0x1fffffff;

/** PGN of a 29-bit identifier (fast path for dispatch; PDU1 drops the PS byte). */
export function pgnOfId(id: number): number {
  const pf = (id >>> 16) & 0xff;
  const dp = (id >>> 24) & 0x3;
  return pf < 240 ? (dp << 16) | (pf << 8) : (dp << 16) | (pf << 8) | ((id >>> 8) & 0xff);
}

export const sourceOfId = (id: number): number => id & 0xff;

export function destinationOfId(id: number): number {
  return ((id >>> 16) & 0xff) < 240 ? (id >>> 8) & 0xff : 0xff;
}

/** §1.4: P = (id >> 26) & 7, PF = (id >> 16) & 0xFF, DA = (id >> 8) & 0xFF, SA = id & 0xFF. */
export function decodeCanId(id: number): Result<GbtCanId, DecodeError> {
  if (!Number.isInteger(id) || id < 0 || id > CAN_EXT_ID_MAX) {
    return decodeError('can-id.range', `not a 29-bit identifier: ${id}`);
  }
  return ok({ priority: (id >>> 26) & 0x7, pgn: pgnOfId(id), destination: destinationOfId(id), source: sourceOfId(id) });
}

/** §1.4: id = (P << 26) | (PF << 16) | (DA << 8) | SA. Throws on a field that does not fit (programmer error). */
export function encodeCanId(f: GbtCanId): number {
  const pf = (f.pgn >>> 8) & 0xff;
  const bad = !inRange(f.priority, 7) || !inRange(f.destination, 0xff) || !inRange(f.source, 0xff) || !Number.isInteger(f.pgn) || (f.pgn & 0xff) !== 0 || f.pgn < 0 || f.pgn > 0x3ffff || pf >= 240;
  if (bad) throw new AgentError(AgentErrorCode.CodecInvariant, `cannot encode PDU1 CAN id from ${JSON.stringify(f)}`);
  return ((f.priority << 26) | ((f.pgn >>> 16) << 24) | (pf << 16) | (f.destination << 8) | f.source) >>> 0;
}

function inRange(v: number, max: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= max;
}
