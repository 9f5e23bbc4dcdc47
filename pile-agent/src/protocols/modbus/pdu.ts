// Modbus PDUs for reading registers (Modbus Application Protocol V1.1b3 §6.3 FC 03 Read Holding
// Registers, §6.4 FC 04 Read Input Registers, §7 exception responses). Both directions, so the
// agent (client) and the bench meter (server) share one codec. Pure: bytes in, values out.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';

export type ReadFunctionCode = 3 | 4;

/** Exception codes of §7 that a meter may answer. */
export const MODBUS_EXCEPTIONS = {
  1: 'illegal-function',
  2: 'illegal-data-address',
  3: 'illegal-data-value',
  4: 'server-device-failure',
  5: 'acknowledge',
  6: 'server-device-busy',
  8: 'memory-parity-error',
  10: 'gateway-path-unavailable',
  11: 'gateway-target-failed',
} as const;

export type ModbusExceptionCode = keyof typeof MODBUS_EXCEPTIONS;

/** §6.3/§6.4: quantity of registers 1..125 per request. */
export const MAX_READ_REGISTERS = 125;

export interface ReadRequest {
  readonly functionCode: ReadFunctionCode;
  readonly address: number;
  readonly quantity: number;
}

export type ReadResponse =
  | { readonly kind: 'registers'; readonly functionCode: ReadFunctionCode; readonly words: readonly number[] }
  | { readonly kind: 'exception'; readonly functionCode: number; readonly code: number; readonly name: string };

export function encodeReadRequest(req: ReadRequest): Uint8Array {
  if (req.quantity < 1 || req.quantity > MAX_READ_REGISTERS || req.address < 0 || req.address + req.quantity > 0x10000) {
    throw new RangeError(`read of ${req.quantity} registers at ${req.address} is outside §6.3 limits`);
  }
  return Uint8Array.of(req.functionCode, req.address >> 8, req.address & 0xff, req.quantity >> 8, req.quantity & 0xff);
}

export function decodeReadRequest(pdu: Uint8Array): Result<ReadRequest, DecodeError> {
  if (pdu.length < 1) return decodeError('short', 'empty PDU');
  const fc = pdu[0];
  if (fc !== 3 && fc !== 4) return decodeError('unsupported-function', `function code ${fc} is not a register read`);
  if (pdu.length !== 5) return decodeError('bad-length', `read request PDU must be 5 bytes, got ${pdu.length}`);
  const address = (pdu[1] << 8) | pdu[2];
  const quantity = (pdu[3] << 8) | pdu[4];
  if (quantity < 1 || quantity > MAX_READ_REGISTERS) return decodeError('bad-quantity', `quantity ${quantity} outside 1..125`);
  return ok({ functionCode: fc, address, quantity });
}

export function encodeReadResponse(functionCode: ReadFunctionCode, words: readonly number[]): Uint8Array {
  const out = new Uint8Array(2 + words.length * 2);
  out[0] = functionCode;
  out[1] = words.length * 2;
  words.forEach((w, i) => {
    out[2 + i * 2] = (w >> 8) & 0xff;
    out[3 + i * 2] = w & 0xff;
  });
  return out;
}

export function encodeException(functionCode: number, code: ModbusExceptionCode): Uint8Array {
  return Uint8Array.of((functionCode | 0x80) & 0xff, code);
}

/** Decodes the answer to `req`; an exception is a successful decode of kind 'exception'. */
export function decodeReadResponse(pdu: Uint8Array, req: ReadRequest): Result<ReadResponse, DecodeError> {
  if (pdu.length < 2) return decodeError('short', `response PDU of ${pdu.length} bytes`);
  const fc = pdu[0];
  if (fc === (req.functionCode | 0x80)) {
    if (pdu.length !== 2) return decodeError('bad-length', 'exception PDU must be 2 bytes');
    const code = pdu[1];
    const name = MODBUS_EXCEPTIONS[code as ModbusExceptionCode] ?? `exception-${code}`;
    return ok({ kind: 'exception', functionCode: req.functionCode, code, name });
  }
  if (fc !== req.functionCode) return decodeError('function-mismatch', `asked FC ${req.functionCode}, answer has FC ${fc}`);
  const byteCount = pdu[1];
  if (byteCount !== req.quantity * 2) return decodeError('bad-byte-count', `byte count ${byteCount}, expected ${req.quantity * 2}`);
  if (pdu.length !== 2 + byteCount) return decodeError('bad-length', `PDU has ${pdu.length - 2} data bytes, byte count says ${byteCount}`);
  const words: number[] = [];
  for (let i = 0; i < req.quantity; i++) words.push((pdu[2 + i * 2] << 8) | pdu[3 + i * 2]);
  return ok({ kind: 'registers', functionCode: req.functionCode, words });
}
