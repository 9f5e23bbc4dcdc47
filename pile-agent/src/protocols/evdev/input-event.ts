// The Linux evdev record, `struct input_event` (include/uapi/linux/input.h) in its 64-bit layout:
// struct timeval {s64 tv_sec; s64 tv_usec} (16 bytes), u16 type, u16 code, s32 value = 24 bytes,
// little-endian (x86-64, arm64). Event codes from include/uapi/linux/input-event-codes.h.
// Pure codec plus a framer for the fixed-size records of a byte stream.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';

export const INPUT_EVENT_SIZE = 24;

/** Event types (input-event-codes.h "Event types"). */
export const EV_SYN = 0x00;
export const EV_KEY = 0x01;
export const EV_ABS = 0x03;
export const EV_MAX = 0x1f;

/** EV_SYN codes: SYN_REPORT ends a packet; SYN_DROPPED says the kernel buffer overran. */
export const SYN_REPORT = 0;
export const SYN_DROPPED = 3;

/** EV_KEY: a finger (BTN_TOUCH) or a resistive panel's "left button" (BTN_LEFT). */
export const BTN_LEFT = 0x110;
export const BTN_TOUCH = 0x14a;

/** EV_ABS axes: single-touch and multi-touch slot 0 (Documentation/input/multi-touch-protocol.rst, type B). */
export const ABS_X = 0x00;
export const ABS_Y = 0x01;
export const ABS_MT_SLOT = 0x2f;
export const ABS_MT_POSITION_X = 0x35;
export const ABS_MT_POSITION_Y = 0x36;
export const ABS_MT_TRACKING_ID = 0x39;

export interface InputEvent {
  /** tv_sec + tv_usec (kernel time, CLOCK_REALTIME unless EVIOCSCLOCKID changed it). */
  readonly timeSec: number;
  readonly timeUsec: number;
  readonly type: number;
  readonly code: number;
  readonly value: number;
}

/** Decodes one record at `offset`. */
export function decodeInputEvent(bytes: Uint8Array, offset = 0): Result<InputEvent, DecodeError> {
  if (bytes.length - offset < INPUT_EVENT_SIZE) return decodeError('evdev.short', `an input_event needs ${INPUT_EVENT_SIZE} bytes, ${bytes.length - offset} left`);
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, INPUT_EVENT_SIZE);
  const timeSec = Number(v.getBigInt64(0, true));
  const timeUsec = Number(v.getBigInt64(8, true));
  const type = v.getUint16(16, true);
  const code = v.getUint16(18, true);
  const value = v.getInt32(20, true);
  if (type > EV_MAX) return decodeError('evdev.type', `event type 0x${type.toString(16)} is above EV_MAX (0x1f)`);
  if (timeUsec < 0 || timeUsec > 999_999) return decodeError('evdev.time', `tv_usec ${timeUsec} is out of range`);
  return ok({ timeSec, timeUsec, type, code, value });
}

/** Encodes one record (the evdev device never receives them; simulators and tests write them). */
export function encodeInputEvent(e: InputEvent): Uint8Array {
  const out = new Uint8Array(INPUT_EVENT_SIZE);
  const v = new DataView(out.buffer);
  v.setBigInt64(0, BigInt(e.timeSec), true);
  v.setBigInt64(8, BigInt(e.timeUsec), true);
  v.setUint16(16, e.type, true);
  v.setUint16(18, e.code, true);
  v.setInt32(20, e.value, true);
  return out;
}

/**
 * Cuts a byte stream into records. The kernel only ever hands out whole records, but a pipe or file
 * may split them; fixed-size records carry no sync marker, so a record that does not decode is
 * reported and skipped, and the stream stays aligned on 24-byte boundaries.
 */
export class InputEventFramer {
  private rest = new Uint8Array(0);

  push(chunk: Uint8Array): Array<Result<InputEvent, DecodeError>> {
    const buf = this.rest.length ? concat(this.rest, chunk) : chunk;
    const out: Array<Result<InputEvent, DecodeError>> = [];
    let off = 0;
    for (; off + INPUT_EVENT_SIZE <= buf.length; off += INPUT_EVENT_SIZE) out.push(decodeInputEvent(buf, off));
    this.rest = buf.slice(off);
    return out;
  }

  /** Bytes waiting for the rest of their record. */
  pending(): number {
    return this.rest.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
