// Splits a Modbus RTU byte stream into frames (Modbus over serial line V1.02 §2.5.1.1): a frame ends
// at a silent interval of at least t3.5, and a frame is only accepted with a valid CRC. Because a
// userspace process sees bytes in arbitrary chunks, the framer also knows each function code's
// length (so merged frames split without waiting for silence) and resyncs byte by byte on garbage.
// Pure: the caller passes arrival times and calls flush() when its timer says the line went silent.
import { hasValidCrc } from './crc16.js';
import { MAX_RTU_FRAME } from './rtu-frame.js';

/** Which side's frames this framer parses: a client reads responses, a server reads requests. */
export type RtuFramerRole = 'responses' | 'requests';

export interface FramerOutput {
  /** Complete frames with a valid CRC, in arrival order (unit id … CRC). */
  readonly frames: Uint8Array[];
  /** Bytes discarded while resyncing (garbage, bad CRC, frames cut by silence). */
  readonly droppedBytes: number;
}

/** Frame length implied by the header, or null when it cannot be known yet (or at all). */
export function expectedFrameLength(buf: Uint8Array, role: RtuFramerRole): number | null {
  if (buf.length < 2) return null;
  const fc = buf[1];
  if (role === 'responses') {
    if (fc & 0x80) return 5; // unit, fc|0x80, exception code, CRC ×2 (§7)
    if (fc >= 1 && fc <= 4) return buf.length < 3 ? null : 5 + buf[2]; // unit, fc, byte count, data, CRC
    if (fc === 5 || fc === 6 || fc === 15 || fc === 16) return 8;
    return null;
  }
  if (fc >= 1 && fc <= 6) return 8; // unit, fc, address ×2, quantity/value ×2, CRC ×2
  if (fc === 15 || fc === 16) return buf.length < 7 ? null : 9 + buf[6];
  return null;
}

export class RtuFramer {
  private buf = new Uint8Array(0);
  private lastAtMs: number | null = null;

  constructor(
    private readonly role: RtuFramerRole,
    /** t3.5 for the line's baud rate, raised by the caller for OS scheduling jitter if needed. */
    private readonly silenceMs: number,
  ) {}

  /** Adds a chunk that arrived at atMs (monotonic). Silence since the last chunk ends the previous frame. */
  feed(chunk: Uint8Array, atMs: number): FramerOutput {
    const out = { frames: [] as Uint8Array[], droppedBytes: 0 };
    if (this.buf.length > 0 && this.lastAtMs !== null && atMs - this.lastAtMs >= this.silenceMs) this.extract(out, true);
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
    this.lastAtMs = atMs;
    this.extract(out, false);
    return out;
  }

  /** Call when the line has been silent: a pending partial frame is complete or garbage now. */
  flush(nowMs: number): FramerOutput {
    const out = { frames: [] as Uint8Array[], droppedBytes: 0 };
    if (this.buf.length > 0 && (this.lastAtMs === null || nowMs - this.lastAtMs >= this.silenceMs)) this.extract(out, true);
    return out;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /** Forgets buffered bytes (after a timeout the client abandons the exchange). */
  reset(): number {
    const n = this.buf.length;
    this.buf = new Uint8Array(0);
    return n;
  }

  /** Offset of the first complete, CRC-valid frame at or after `from`, or −1 (resync look-ahead). */
  private nextCompleteFrame(buf: Uint8Array, from: number): number {
    for (let k = from; k + 4 <= buf.length; k++) {
      const view = buf.subarray(k);
      const len = expectedFrameLength(view, this.role);
      if (len !== null && len >= 4 && len <= view.length && hasValidCrc(view.subarray(0, len))) return k;
    }
    return -1;
  }

  private extract(out: { frames: Uint8Array[]; droppedBytes: number }, final: boolean): void {
    let at = 0;
    const buf = this.buf;
    while (buf.length - at >= (final ? 1 : 4)) {
      const view = buf.subarray(at);
      const len = expectedFrameLength(view, this.role);
      if (len === null) {
        if (!final) {
          const skip = this.nextCompleteFrame(buf, at + 1);
          if (skip < 0) break;
          out.droppedBytes += skip - at;
          at = skip;
          continue;
        }
        if (view.length >= 4 && view.length <= MAX_RTU_FRAME && hasValidCrc(view)) {
          out.frames.push(view.slice());
          at = buf.length;
        } else {
          at++;
          out.droppedBytes++;
        }
        continue;
      }
      if (len > MAX_RTU_FRAME || len < 4) {
        at++;
        out.droppedBytes++;
        continue;
      }
      if (view.length < len) {
        if (!final) {
          const skip = this.nextCompleteFrame(buf, at + 1);
          if (skip < 0) break;
          out.droppedBytes += skip - at;
          at = skip;
          continue;
        }
        at++;
        out.droppedBytes++;
        continue;
      }
      const candidate = view.subarray(0, len);
      if (hasValidCrc(candidate)) {
        out.frames.push(candidate.slice());
        at += len;
      } else {
        at++;
        out.droppedBytes++;
      }
    }
    if (final && at < buf.length) {
      out.droppedBytes += buf.length - at;
      at = buf.length;
    }
    this.buf = buf.slice(at);
  }
}
