// Byte stream → PN532 frames (house rule R2: framer, codec and transport are separate). Handles
// partial frames across chunks, several frames in one chunk, and garbage before a start code;
// a frame with a bad checksum is reported and skipped, never thrown.
import type { DecodeError } from '../../shared/result.js';
import { decodeFrame, frameLengthAt, type Pn532Frame } from './pn532-frame.js';

export interface Pn532FramerEvents {
  frame(frame: Pn532Frame): void;
  reject(error: DecodeError, bytes: Uint8Array): void;
}

const MAX_BUFFER = 1024;

export class Pn532Framer {
  private buf = new Uint8Array(0);

  constructor(private readonly out: Pn532FramerEvents) {}

  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    let pos = 0;
    for (;;) {
      const start = findStart(joined, pos);
      if (start < 0) {
        // keep a trailing 00 that may be the first half of a start code
        pos = joined.length > pos && joined[joined.length - 1] === 0x00 ? joined.length - 1 : joined.length;
        break;
      }
      const total = frameLengthAt(joined, start);
      if (total === null || start + total > joined.length) {
        pos = start;
        break;
      }
      const bytes = joined.subarray(start, start + total);
      const r = decodeFrame(bytes);
      if (r.ok) this.out.frame(r.value);
      else this.out.reject(r.error, bytes.slice());
      pos = r.ok ? start + total : start + 2; // on a bad frame, resync after this start code
    }
    this.buf = joined.slice(pos);
    if (this.buf.length > MAX_BUFFER) {
      this.out.reject({ code: 'pn532.overflow', message: 'no complete frame in 1 KiB of input' }, this.buf);
      this.buf = new Uint8Array(0);
    }
  }
}

function findStart(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === 0x00 && b[i + 1] === 0xff) return i;
  return -1;
}
