// PN532 host-interface frames (NXP UM0701-02 "PN532 User Manual" §6.2.1): normal information
// frame 00 00 FF LEN LCS TFI PD… DCS 00, ACK 00 00 FF 00 FF 00, NACK 00 00 FF FF 00 00 and the
// application-level error frame 00 00 FF 01 FF 7F 81 00. Pure encode/decode of one frame.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';

/** Frame identifier: host → PN532 (§6.2.1.1). */
export const TFI_HOST = 0xd4;
/** Frame identifier: PN532 → host. */
export const TFI_PN532 = 0xd5;

export const ACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
export const NACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x00, 0x00);
export const ERROR_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00);

export type Pn532Frame = { readonly kind: 'ack' } | { readonly kind: 'nack' } | { readonly kind: 'error' } | { readonly kind: 'info'; readonly tfi: number; readonly data: Uint8Array };

/** Encodes a normal information frame (§6.2.1.1); data is PD0…PDn (command code first). */
export function encodeInfoFrame(tfi: number, data: Uint8Array): Uint8Array {
  const len = data.length + 1; // TFI + PD0..PDn
  if (len > 255) throw new RangeError('PN532 normal frames carry at most 254 data bytes');
  const out = new Uint8Array(len + 7);
  out.set([0x00, 0x00, 0xff, len, (0x100 - len) & 0xff, tfi], 0);
  out.set(data, 6);
  let sum = tfi;
  for (const b of data) sum += b;
  out[6 + data.length] = (0x100 - (sum & 0xff)) & 0xff; // DCS
  out[7 + data.length] = 0x00; // postamble
  return out;
}

/**
 * Decodes one complete frame that starts at the 00 FF start code (the preamble 00 before it is
 * optional on input). Length and data checksums are verified (§6.2.1.1 LCS, DCS).
 */
export function decodeFrame(bytes: Uint8Array): Result<Pn532Frame, DecodeError> {
  let i = 0;
  if (bytes[0] === 0x00 && bytes[1] === 0x00) i = 1;
  if (bytes[i] !== 0x00 || bytes[i + 1] !== 0xff) return decodeError('pn532.start', 'frame does not start with 00 FF');
  const len = bytes[i + 2];
  const lcs = bytes[i + 3];
  if (len === undefined || lcs === undefined) return decodeError('pn532.short', 'frame shorter than its header');
  if (len === 0x00 && lcs === 0xff) return ok({ kind: 'ack' });
  if (len === 0xff && lcs === 0x00) return ok({ kind: 'nack' });
  if (((len + lcs) & 0xff) !== 0) return decodeError('pn532.lcs', `length checksum wrong (LEN ${len}, LCS ${lcs})`);
  if (len === 0x01 && bytes[i + 4] === 0x7f) return ok({ kind: 'error' });
  if (bytes.length < i + 4 + len + 1) return decodeError('pn532.short', `frame needs ${len} data bytes + DCS`);
  const tfi = bytes[i + 4];
  let sum = 0;
  for (let k = 0; k < len + 1; k++) sum += bytes[i + 4 + k];
  if ((sum & 0xff) !== 0) return decodeError('pn532.dcs', 'data checksum wrong');
  if (tfi !== TFI_HOST && tfi !== TFI_PN532) return decodeError('pn532.tfi', `unknown frame identifier 0x${tfi.toString(16)}`);
  return ok({ kind: 'info', tfi, data: bytes.slice(i + 5, i + 4 + len) });
}

/** Total byte length of the frame whose start code is at `start` (00 FF), or null if not yet known. */
export function frameLengthAt(bytes: Uint8Array, start: number): number | null {
  const len = bytes[start + 2];
  const lcs = bytes[start + 3];
  if (len === undefined || lcs === undefined) return null;
  if ((len === 0x00 && lcs === 0xff) || (len === 0xff && lcs === 0x00)) return 5; // 00 FF LEN LCS 00
  return 2 + 2 + len + 1 + 1; // start code, LEN, LCS, TFI..PDn, DCS, postamble
}
