// VIN rules shared by the pile and the cloud: the VIN alphabet and the position-9 check digit
// (reference §3.6: ISO 3779 structure, check digit per GB 16735 / 49 CFR 565), and the
// classification of BRM bytes 25–41 (reference §2.2 "The VIN field"). Pure.
import type { VinStatus } from './messages/types.js';

const VALUE: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHT = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** 17 characters of 0-9 A-H J-N P R-Z (no I, O, Q). */
export const VIN_PATTERN = /^[0-9A-HJ-NPR-Z]{17}$/;

/** The check digit for a 17-character VIN-alphabet string ('0'–'9' or 'X'); position 9 is ignored. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : VALUE[c];
    sum += v * WEIGHT[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Classifies a VIN given as text (cloud registry, console input). Upper-cases nothing: VINs are upper case. */
export function classifyVinText(text: string): Exclude<VinStatus, 'absent'> {
  if (!VIN_PATTERN.test(text)) return 'malformed';
  return vinCheckDigit(text) === text[8] ? 'valid' : 'bad-check-digit';
}

export interface VinField {
  readonly vin: string | null;
  readonly vinStatus: VinStatus;
}

/**
 * Classifies BRM bytes 25–41 (0-based 24–40) of a reassembled BRM (reference §2.2): `absent` when
 * the BRM is shorter than 41 bytes or the 17 bytes are all 0xFF, 0x00 or 0x20 (any mix);
 * `valid` / `bad-check-digit` when all 17 are VIN-alphabet characters; `malformed` otherwise.
 */
export function classifyBrmVin(brm: Uint8Array): VinField {
  if (brm.length < 41) return { vin: null, vinStatus: 'absent' };
  const field = brm.subarray(24, 41);
  if (field.every((b) => b === 0xff || b === 0x00 || b === 0x20)) return { vin: null, vinStatus: 'absent' };
  let text = '';
  for (const b of field) text += String.fromCharCode(b);
  const status = classifyVinText(text);
  return status === 'malformed' ? { vin: null, vinStatus: 'malformed' } : { vin: text, vinStatus: status };
}
