// Pure mapping between CanFrame and Linux SocketCAN, reference gbt27930.md §6.1: the `can_id` flag
// bits (EFF 0x80000000, RTR 0x40000000, ERR 0x20000000), the 16-byte `struct can_frame` (little-endian
// host), and the message objects of the optional `socketcan` npm package ({id, ext, rtr, data}).
// No I/O: socketcan.driver.ts is the thin adapter on top.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { CanFrame } from '../../ports/can-channel.port.js';

export const CAN_EFF_FLAG = 0x80000000;
export const CAN_RTR_FLAG = 0x40000000;
export const CAN_ERR_FLAG = 0x20000000;
export const CAN_EFF_MASK = 0x1fffffff;
export const CAN_SFF_MASK = 0x7ff;
export const CAN_FRAME_SIZE = 16;

/** The message shape of the `socketcan` package (id without flag bits, `ext`/`rtr`/`err` booleans). */
export interface SocketcanMessage {
  id: number;
  ext?: boolean;
  rtr?: boolean;
  err?: boolean;
  data: Uint8Array;
}

function checkFrame(frame: CanFrame): void {
  const mask = frame.extended ? CAN_EFF_MASK : CAN_SFF_MASK;
  if (!Number.isInteger(frame.id) || frame.id < 0 || frame.id > mask) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `CAN id 0x${frame.id.toString(16)} out of range for a ${frame.extended ? '29' : '11'}-bit frame`);
  }
  if (frame.data.length > 8) throw new AgentError(AgentErrorCode.CodecInvariant, `classic CAN carries at most 8 bytes, got ${frame.data.length}`);
}

/** `can_id` with flags, as an unsigned 32-bit number: the BRM RTS 0x1CEC56F4 becomes 0x9CEC56F4. */
export function toCanId(frame: CanFrame): number {
  checkFrame(frame);
  return (frame.id | (frame.extended ? CAN_EFF_FLAG : 0) | (frame.rtr ? CAN_RTR_FLAG : 0)) >>> 0;
}

/** Splits a `can_id` into identifier and flags (an id without EFF is 11-bit: only its low 11 bits count). */
export function fromCanId(canId: number): { id: number; extended: boolean; rtr: boolean; error: boolean } {
  const extended = (canId & CAN_EFF_FLAG) !== 0;
  return {
    id: (canId & (extended ? CAN_EFF_MASK : CAN_SFF_MASK)) >>> 0,
    extended,
    rtr: (canId & CAN_RTR_FLAG) !== 0,
    error: (canId & CAN_ERR_FLAG) !== 0,
  };
}

/** The 16-byte `struct can_frame` for a little-endian host (§6.1). */
export function encodeCanFrameStruct(frame: CanFrame): Uint8Array {
  const out = new Uint8Array(CAN_FRAME_SIZE);
  new DataView(out.buffer).setUint32(0, toCanId(frame), true);
  out[4] = frame.data.length;
  out.set(frame.data, 8);
  return out;
}

export function decodeCanFrameStruct(bytes: Uint8Array): Result<CanFrame, DecodeError> {
  if (bytes.length !== CAN_FRAME_SIZE) return decodeError('socketcan.size', `struct can_frame is 16 bytes, got ${bytes.length}`);
  const canId = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const f = fromCanId(canId);
  if (f.error) return decodeError('socketcan.error-frame', `error frame, class 0x${f.id.toString(16)}`);
  const len = bytes[4];
  if (len > 8) return decodeError('socketcan.dlc', `len ${len} above 8 on classic CAN`);
  const data = f.rtr ? new Uint8Array(0) : bytes.slice(8, 8 + len);
  return ok(f.rtr ? { id: f.id, extended: f.extended, data, rtr: true } : { id: f.id, extended: f.extended, data });
}

/** CanFrame → the `socketcan` package's send() argument. */
export function toSocketcanMessage(frame: CanFrame): SocketcanMessage {
  checkFrame(frame);
  return { id: frame.id, ext: frame.extended, rtr: frame.rtr ?? false, data: frame.data };
}

/** The package's received message → CanFrame; error frames and bad fields are decode errors. */
export function fromSocketcanMessage(msg: SocketcanMessage): Result<CanFrame, DecodeError> {
  if (msg.err) return decodeError('socketcan.error-frame', `error frame, class 0x${msg.id.toString(16)}`);
  const extended = msg.ext === true;
  if (!Number.isInteger(msg.id) || msg.id < 0 || msg.id > (extended ? CAN_EFF_MASK : CAN_SFF_MASK)) {
    return decodeError('socketcan.id-range', `CAN id ${msg.id} out of range`);
  }
  if (!(msg.data instanceof Uint8Array) || msg.data.length > 8) return decodeError('socketcan.dlc', 'data must be 0–8 bytes');
  if (msg.rtr) return ok({ id: msg.id, extended, data: new Uint8Array(0), rtr: true });
  return ok({ id: msg.id, extended, data: Uint8Array.from(msg.data) });
}
