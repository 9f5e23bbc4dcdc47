// Byte-level helpers shared by the GB/T 27930 message codecs: little-endian integers (reference §0
// "Byte order"), the −400 A current offset (§0 "Current sign"), 2-bit status fields with the fill
// rule (§0 "Fill rule"), length checks with named errors. Pure; encoders throw AgentError on values
// that do not fit their field (a programmer error, never bus input).
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import { decodeError, type DecodeError, type Err } from '../../../shared/result.js';
import type { Status2 } from './types.js';

export const u16 = (d: Uint8Array, o: number): number => d[o] | (d[o + 1] << 8);
export const u24 = (d: Uint8Array, o: number): number => d[o] | (d[o + 1] << 8) | (d[o + 2] << 16);
export const u32 = (d: Uint8Array, o: number): number => (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24)) >>> 0;

function check(v: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `${what}: ${v} does not fit 0..${max}`);
  }
}

export function put8(d: Uint8Array, o: number, v: number, what: string): void {
  check(v, 0xff, what);
  d[o] = v;
}
export function put16(d: Uint8Array, o: number, v: number, what: string): void {
  check(v, 0xffff, what);
  d[o] = v & 0xff;
  d[o + 1] = v >>> 8;
}
export function put24(d: Uint8Array, o: number, v: number, what: string): void {
  check(v, 0xffffff, what);
  d[o] = v & 0xff;
  d[o + 1] = (v >>> 8) & 0xff;
  d[o + 2] = v >>> 16;
}
export function put32(d: Uint8Array, o: number, v: number, what: string): void {
  check(v, 0xffffffff, what);
  d[o] = v & 0xff;
  d[o + 1] = (v >>> 8) & 0xff;
  d[o + 2] = (v >>> 16) & 0xff;
  d[o + 3] = v >>> 24;
}

/** §0: raw = (400 A − charging current) × 10; raw 0..4000 ↔ 400.0..0.0 A of charging current. */
export const CURRENT_OFFSET_DECI_A = 4000;
export const currentFromRaw = (raw: number): number => CURRENT_OFFSET_DECI_A - raw;
export function putCurrent(d: Uint8Array, o: number, deciA: number, what: string): void {
  check(deciA, CURRENT_OFFSET_DECI_A, `${what} (0..400.0 A)`);
  put16(d, o, CURRENT_OFFSET_DECI_A - deciA, what);
}

/** §0 temperatures: 1 °C/bit, −50 °C offset. */
export const tempFromRaw = (raw: number): number => raw - 50;
export function putTemp(d: Uint8Array, o: number, c: number, what: string): void {
  put8(d, o, c + 50, `${what} (−50..205 °C)`);
}

/** 2-bit field at 1-based bit `bit` (1, 3, 5, 7) of a byte (§0 "n.m" numbering). */
export const status2 = (byte: number, bit: number): Status2 => ((byte >>> (bit - 1)) & 0x3) as Status2;

/** Builds a byte from 2-bit fields at bits 1, 3, 5, 7; missing fields are filled with 11 (fill rule). */
export function statusByte(...fields: (Status2 | undefined)[]): number {
  let b = 0xff;
  fields.forEach((f, i) => {
    if (f === undefined) return;
    check(f, 3, 'status field');
    b = (b & ~(0x3 << (i * 2))) | (f << (i * 2));
  });
  return b;
}

/** Length checks: shorter than `min` → `<msg>.short`; not in `allowed` (or over `max`) → `<msg>.length`. */
export function badLength(msg: string, d: Uint8Array, min: number, max: number, allowed?: readonly number[]): Err<DecodeError> | null {
  if (d.length < min) return decodeError(`${msg}.short`, `${msg.toUpperCase()} needs at least ${min} bytes, got ${d.length}`);
  if (d.length > max || (allowed && !allowed.includes(d.length))) {
    const want = allowed ? allowed.join(' or ') : `${min}..${max}`;
    return decodeError(`${msg}.length`, `${msg.toUpperCase()} must be ${want} bytes, got ${d.length}`);
  }
  return null;
}

export const outOfRange = (msg: string, field: string, raw: number, range: string): Err<DecodeError> =>
  decodeError(`${msg}.out-of-range`, `${msg.toUpperCase()} ${field}: raw ${raw} outside ${range}`);

/** Rejects a raw current outside 0..4000 (−400..0 A on the wire, §0); returns the decoded charging current. */
export function currentField(msg: string, field: string, raw: number): Err<DecodeError> | number {
  return raw > CURRENT_OFFSET_DECI_A ? outOfRange(msg, field, raw, '0..4000 (400.0..0.0 A)') : currentFromRaw(raw);
}

/** ASCII of bytes (latin-1, lossless); null when every byte is the 0xFF fill. */
export function asciiOrNull(d: Uint8Array, o: number, n: number): string | null {
  let allFill = true;
  let s = '';
  for (let i = o; i < o + n; i++) {
    if (d[i] !== 0xff) allFill = false;
    s += String.fromCharCode(d[i]);
  }
  return allFill ? null : s;
}

/** Writes `n` latin-1 characters (0xFF fill when null or shorter). */
export function putAscii(d: Uint8Array, o: number, n: number, text: string | null, what: string): void {
  d.fill(0xff, o, o + n);
  if (text === null) return;
  if (text.length > n) throw new AgentError(AgentErrorCode.CodecInvariant, `${what}: "${text}" longer than ${n}`);
  for (let i = 0; i < text.length; i++) put8(d, o + i, text.charCodeAt(i), what);
}

/** Packed BCD byte → 0..99, or null when a nibble is above 9. */
export function fromBcd(b: number): number | null {
  const hi = b >>> 4;
  const lo = b & 0xf;
  return hi > 9 || lo > 9 ? null : hi * 10 + lo;
}
export function toBcd(v: number, what: string): number {
  check(v, 99, what);
  return ((v / 10) << 4) | (v % 10);
}
