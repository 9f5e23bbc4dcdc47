// Pixel conversion for Linux framebuffers: premultiplied RGBA (the renderer's frame, composited on
// black, which for opaque frames is plain RGB) → RGB565 little-endian (RRRRRGGG GGGBBBBB, low byte
// first) or XRGB8888 (bytes B, G, R, 0xFF), for a dirty rectangle, turned by the panel's rotation
// (clockwise). Fast path: 32-bit reads and 16/32-bit writes, no per-channel byte loops.
import { endianness } from 'node:os';
import type { PanelGeometry, Rect, Rotation } from '../../ports/display.port.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';

if (endianness() !== 'LE') throw new AgentError(AgentErrorCode.DriverUnavailable, 'pixel-convert assumes a little-endian CPU (ARM and x86 Linux are)');

export function bytesPerPixel(format: PanelGeometry['pixelFormat']): 2 | 4 {
  return format === 'RGB565' ? 2 : 4;
}

/** One colour as RGB565 (the 16-bit value; stored low byte first). */
export function rgb565(r: number, g: number, b: number): number {
  return ((r & 0xf8) << 8) | ((g & 0xfc) << 3) | (b >> 3);
}

/** One colour as XRGB8888 (the 32-bit value; stored B, G, R, X). */
export function xrgb8888(r: number, g: number, b: number): number {
  return (0xff000000 | (r << 16) | (g << 8) | b) >>> 0;
}

/** Where a logical rectangle lands on the panel after `rotation`; `w`×`h` is the logical screen. */
export function rotateRect(r: Rect, w: number, h: number, rotation: Rotation): Rect {
  switch (rotation) {
    case 0:
      return r;
    case 90:
      return { x: h - r.y - r.h, y: r.x, w: r.h, h: r.w };
    case 180:
      return { x: w - r.x - r.w, y: h - r.y - r.h, w: r.w, h: r.h };
    case 270:
      return { x: r.y, y: w - r.x - r.w, w: r.h, h: r.w };
  }
}

export interface ConvertTarget {
  readonly dst: Uint8Array;
  /** Bytes per panel row (a framebuffer's `line_length`, ≥ panel width × bytes per pixel). */
  readonly lineLengthBytes: number;
  readonly panel: PanelGeometry;
}

/**
 * Converts `rect` of the logical frame `src` (`w`×`h`, RGBA) into the panel buffer. The rectangle
 * must lie inside the frame; buffers must be 4-byte aligned (Buffers from Node and canvas are).
 */
export function convertRect(src: Uint8Array, w: number, h: number, rect: Rect, t: ConvertTarget): void {
  if (rect.x < 0 || rect.y < 0 || rect.w < 0 || rect.h < 0 || rect.x + rect.w > w || rect.y + rect.h > h) throw new RangeError(`rectangle ${JSON.stringify(rect)} is outside the ${w}×${h} frame`);
  if (src.byteOffset % 4 !== 0 || t.dst.byteOffset % 4 !== 0) throw new RangeError('pixel buffers must be 4-byte aligned');
  const s32 = new Uint32Array(src.buffer, src.byteOffset, w * h);
  const rot = t.panel.rotation;
  if (t.panel.pixelFormat === 'RGB565' && rot === 0) return rgb565Upright(s32, w, rect, t);
  if (t.panel.pixelFormat === 'RGB565') {
    const stride = t.lineLengthBytes >> 1;
    const d16 = new Uint16Array(t.dst.buffer, t.dst.byteOffset, t.dst.byteLength >> 1);
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      let si = y * w + rect.x;
      let di = destIndex(rect.x, y, w, h, stride, rot);
      const step = destStep(stride, rot);
      for (let x = 0; x < rect.w; x++, si++, di += step) {
        const p = s32[si];
        d16[di] = ((p << 8) & 0xf800) | ((p >>> 5) & 0x07e0) | ((p >>> 19) & 0x001f);
      }
    }
  } else {
    const stride = t.lineLengthBytes >> 2;
    const d32 = new Uint32Array(t.dst.buffer, t.dst.byteOffset, t.dst.byteLength >> 2);
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      let si = y * w + rect.x;
      let di = destIndex(rect.x, y, w, h, stride, rot);
      const step = destStep(stride, rot);
      for (let x = 0; x < rect.w; x++, si++, di += step) {
        const p = s32[si];
        d32[di] = 0xff000000 | ((p & 0xff) << 16) | (p & 0xff00) | ((p >>> 16) & 0xff);
      }
    }
  }
}

/** RGB565 without rotation: two pixels per 32-bit write (about 2.5× the speed of 16-bit writes). */
function rgb565Upright(s32: Uint32Array, w: number, rect: Rect, t: ConvertTarget): void {
  const stride = t.lineLengthBytes >> 1;
  const d16 = new Uint16Array(t.dst.buffer, t.dst.byteOffset, t.dst.byteLength >> 1);
  const d32 = new Uint32Array(t.dst.buffer, t.dst.byteOffset, t.dst.byteLength >> 2);
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    let si = y * w + rect.x;
    let di = y * stride + rect.x;
    const end = si + rect.w;
    if (di & 1 && si < end) {
      const p = s32[si++];
      d16[di++] = ((p << 8) & 0xf800) | ((p >>> 5) & 0x07e0) | ((p >>> 19) & 0x001f);
    }
    for (let j = di >> 1; si + 1 < end; si += 2, j++, di += 2) {
      const p = s32[si];
      const q = s32[si + 1];
      d32[j] = ((p << 8) & 0xf800) | ((p >>> 5) & 0x07e0) | ((p >>> 19) & 0x001f) | ((((q << 8) & 0xf800) | ((q >>> 5) & 0x07e0) | ((q >>> 19) & 0x001f)) << 16);
    }
    if (si < end) {
      const p = s32[si];
      d16[di] = ((p << 8) & 0xf800) | ((p >>> 5) & 0x07e0) | ((p >>> 19) & 0x001f);
    }
  }
}

/** Panel buffer index (in pixels) of logical (x, y). */
function destIndex(x: number, y: number, w: number, h: number, stride: number, rot: Rotation): number {
  switch (rot) {
    case 0:
      return y * stride + x;
    case 90:
      return x * stride + (h - 1 - y);
    case 180:
      return (h - 1 - y) * stride + (w - 1 - x);
    case 270:
      return (w - 1 - x) * stride + y;
  }
}

/** How the panel index moves when logical x grows by one. */
function destStep(stride: number, rot: Rotation): number {
  return rot === 0 ? 1 : rot === 90 ? stride : rot === 180 ? -1 : -stride;
}
