// Modbus RTU application data unit: [unit id][PDU][CRC lo][CRC hi] (Modbus over serial line V1.02
// §2.5.1). encode/decode of one complete frame; splitting a byte stream into frames is the framer's
// job (rtu-framer.ts). Pure.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';
import { crc16Modbus, hasValidCrc } from './crc16.js';

export interface RtuAdu {
  /** 0 = broadcast, 1..247 = a device (§2.2). */
  readonly unitId: number;
  readonly pdu: Uint8Array;
}

/** §2.5.1: an RTU frame is at most 256 bytes. */
export const MAX_RTU_FRAME = 256;

export function encodeRtuAdu(adu: RtuAdu): Uint8Array {
  if (adu.unitId < 0 || adu.unitId > 247) throw new RangeError(`unit id ${adu.unitId} outside 0..247`);
  if (adu.pdu.length < 1 || adu.pdu.length > MAX_RTU_FRAME - 3) throw new RangeError(`PDU of ${adu.pdu.length} bytes`);
  const out = new Uint8Array(adu.pdu.length + 3);
  out[0] = adu.unitId;
  out.set(adu.pdu, 1);
  const crc = crc16Modbus(out, 0, out.length - 2);
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >>> 8;
  return out;
}

export function decodeRtuAdu(frame: Uint8Array): Result<RtuAdu, DecodeError> {
  if (frame.length < 4) return decodeError('short', `RTU frame of ${frame.length} bytes (minimum 4)`);
  if (frame.length > MAX_RTU_FRAME) return decodeError('too-long', `RTU frame of ${frame.length} bytes (maximum 256)`);
  if (!hasValidCrc(frame)) return decodeError('bad-crc', 'CRC does not match');
  return ok({ unitId: frame[0], pdu: frame.slice(1, frame.length - 2) });
}

/** §2.5.1.1: one character is 11 bits (start, 8 data, parity or second stop, stop). */
export const RTU_BITS_PER_CHAR = 11;

/** Time of n characters on the wire at `baud`, in ms. */
export function charTimeMs(baud: number, n = 1): number {
  return (n * RTU_BITS_PER_CHAR * 1000) / baud;
}

/**
 * §2.5.1.1 t3.5: the silent interval that separates frames. Above 19200 baud the spec recommends
 * fixed values (t1.5 = 750 µs, t3.5 = 1.75 ms).
 */
export function silenceIntervalMs(baud: number): number {
  return baud > 19200 ? 1.75 : charTimeMs(baud, 3.5);
}
