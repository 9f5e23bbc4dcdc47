// PNG on demand: `encodePng` turns (a rectangle of) an RGBA frame into a PNG with node:zlib (PNG
// spec, ISO/IEC 15948 §5 signature, §11.2 IHDR/IDAT/IEND, filter type 0), no canvas needed; and
// `PngSnapshotDisplay` is a display surface that keeps the last frame so a snapshot can be taken any time.
import { crc32, deflateSync } from 'node:zlib';
import type { DisplaySurface, Frame, PanelGeometry, Rect } from '../../ports/display.port.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/**
 * Encodes `rect` (default: all) of a `width`×`height` RGBA frame as an 8-bit RGBA PNG. Premultiplied
 * pixels are turned back into straight alpha (opaque frames are unchanged).
 */
export function encodePng(rgba: Uint8Array, width: number, height: number, rect: Rect = { x: 0, y: 0, w: width, h: height }, level = 3): Buffer {
  if (rect.x < 0 || rect.y < 0 || rect.w < 1 || rect.h < 1 || rect.x + rect.w > width || rect.y + rect.h > height)
    throw new RangeError(`rectangle ${JSON.stringify(rect)} is outside the ${width}×${height} frame`);
  if (rgba.length < width * height * 4) throw new RangeError(`frame has ${rgba.length} bytes, ${width}×${height} RGBA needs ${width * height * 4}`);
  const row = rect.w * 4;
  const raw = Buffer.alloc((row + 1) * rect.h);
  for (let y = 0; y < rect.h; y++) {
    const src = ((rect.y + y) * width + rect.x) * 4;
    const dst = y * (row + 1) + 1; // byte 0 of each row: filter type 0 (None)
    raw.set(rgba.subarray(src, src + row), dst);
    for (let i = dst + 3; i < dst + row; i += 4) {
      const a = raw[i];
      if (a !== 255 && a !== 0) {
        raw[i - 3] = Math.min(255, Math.round((raw[i - 3] * 255) / a));
        raw[i - 2] = Math.min(255, Math.round((raw[i - 2] * 255) / a));
        raw[i - 1] = Math.min(255, Math.round((raw[i - 1] * 255) / a));
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(rect.w, 0);
  ihdr.writeUInt32BE(rect.h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type 6: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level })), chunk('IEND', new Uint8Array(0))]);
}

/** Keeps a copy of the last presented frame; `snapshot()` gives it as PNG. */
export class PngSnapshotDisplay implements DisplaySurface {
  private rgba: Uint8Array | null = null;
  private size = { width: 0, height: 0 };
  private view: string | null = null;
  private closed = false;

  constructor(readonly panel: PanelGeometry) {}

  present(frame: Frame): void {
    if (this.closed || (frame.dirty === null && this.rgba)) return;
    if (!this.rgba || this.rgba.length !== frame.rgba.length) this.rgba = new Uint8Array(frame.rgba.length);
    this.rgba.set(frame.rgba);
    this.size = { width: frame.width, height: frame.height };
    this.view = frame.view;
  }

  /** The last frame's view name, or null before the first frame. */
  lastView(): string | null {
    return this.view;
  }

  /** PNG of the last frame (logical orientation), or null before the first frame. */
  snapshot(): Buffer | null {
    return this.rgba ? encodePng(this.rgba, this.size.width, this.size.height) : null;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
