// RGB565 little-endian and XRGB8888 byte layouts on known colours, rectangles and rotations.
import { describe, expect, it } from 'vitest';
import type { PanelGeometry, Rotation } from '../../ports/display.port.js';
import { convertRect, rgb565, rotateRect, xrgb8888 } from './pixel-convert.js';

/** A w×h RGBA frame filled by f(x, y) → [r, g, b]. */
function frame(w: number, h: number, f: (x: number, y: number) => [number, number, number]): Uint8Array {
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b] = f(x, y);
      out.set([r, g, b, 255], (y * w + x) * 4);
    }
  return out;
}

const panel = (width: number, height: number, pixelFormat: PanelGeometry['pixelFormat'], rotation: Rotation = 0): PanelGeometry => ({ width, height, pixelFormat, rotation });

describe('RGB565 little-endian', () => {
  it.each([
    // [r, g, b, low byte, high byte]
    [0xff, 0x00, 0x00, 0x00, 0xf8], // red:   11111 000000 00000 = 0xF800
    [0x00, 0xff, 0x00, 0xe0, 0x07], // green: 00000 111111 00000 = 0x07E0
    [0x00, 0x00, 0xff, 0x1f, 0x00], // blue:  00000 000000 11111 = 0x001F
    [0xff, 0xff, 0xff, 0xff, 0xff], // white = 0xFFFF
    [0x00, 0x00, 0x00, 0x00, 0x00], // black = 0x0000
    [0x1f, 0x6f, 0xeb, 0x7d, 0x1b], // #1f6feb (VIN button): 00011 011011 11101 = 0x1B7D
    [0x07, 0x03, 0x07, 0x00, 0x00], // bits below the 5/6/5 cut are dropped
  ])('rgb(%i,%i,%i) → %i %i', (r, g, b, lo, hi) => {
    expect(rgb565(r, g, b)).toBe(lo | (hi << 8));
    const dst = new Uint8Array(4);
    convertRect(
      frame(2, 1, () => [r, g, b]),
      2,
      1,
      { x: 0, y: 0, w: 2, h: 1 },
      { dst, lineLengthBytes: 4, panel: panel(2, 1, 'RGB565') },
    );
    expect([...dst]).toEqual([lo, hi, lo, hi]);
  });
});

describe('XRGB8888', () => {
  it.each([
    [0xff, 0x00, 0x00, [0x00, 0x00, 0xff, 0xff]], // B G R X
    [0x00, 0xff, 0x00, [0x00, 0xff, 0x00, 0xff]],
    [0x00, 0x00, 0xff, [0xff, 0x00, 0x00, 0xff]],
    [0x1f, 0x6f, 0xeb, [0xeb, 0x6f, 0x1f, 0xff]],
  ])('rgb(%i,%i,%i) → bytes %j', (r, g, b, bytes) => {
    expect(xrgb8888(r, g, b)).toBe((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0);
    const dst = new Uint8Array(4);
    convertRect(
      frame(1, 1, () => [r, g, b]),
      1,
      1,
      { x: 0, y: 0, w: 1, h: 1 },
      { dst, lineLengthBytes: 4, panel: panel(1, 1, 'XRGB8888') },
    );
    expect([...dst]).toEqual(bytes);
  });
});

describe('rectangles, line length and rotation', () => {
  const w = 4;
  const h = 3;
  const src = frame(w, h, (x, y) => [x * 10, y * 10, 0]); // each pixel's colour encodes its logical position
  const decode = (dst: Uint8Array, line: number, px: number, py: number) => {
    const v = dst[py * line + px * 4] | (dst[py * line + px * 4 + 1] << 8) | (dst[py * line + px * 4 + 2] << 16);
    return { x: ((v >> 16) & 0xff) / 10, y: ((v >> 8) & 0xff) / 10 };
  };

  it('only the rectangle is written, rows at the line length (padding untouched)', () => {
    const line = 5 * 2; // 4 pixels + 1 pixel of padding
    const dst = new Uint8Array(line * h).fill(0xaa);
    convertRect(src, w, h, { x: 1, y: 1, w: 2, h: 1 }, { dst, lineLengthBytes: line, panel: panel(4, 3, 'RGB565') });
    expect([...dst.subarray(0, line)].every((b) => b === 0xaa)).toBe(true);
    expect([...dst.subarray(line, line + 2)]).toEqual([0xaa, 0xaa]); // (0,1) untouched
    expect(dst[line + 2] | (dst[line + 3] << 8)).toBe(rgb565(10, 10, 0));
    expect(dst[line + 4] | (dst[line + 5] << 8)).toBe(rgb565(20, 10, 0));
    expect([...dst.subarray(line + 6, line + 10)]).toEqual([0xaa, 0xaa, 0xaa, 0xaa]);
  });

  it.each([
    // rotation, logical (x, y) → panel (px, py) on a panel of the rotated size
    [90, 0, 0, 2, 0], // top-left goes to the top-right corner (clockwise)
    [90, 3, 2, 0, 3],
    [180, 0, 0, 3, 2],
    [270, 0, 0, 0, 3],
    [270, 3, 2, 2, 0],
  ] as const)('rotation %i: logical (%i,%i) lands at panel (%i,%i)', (rot, x, y, px, py) => {
    const p = rot === 180 ? panel(w, h, 'XRGB8888', rot) : panel(h, w, 'XRGB8888', rot);
    const line = p.width * 4;
    const dst = new Uint8Array(line * p.height);
    convertRect(src, w, h, { x: 0, y: 0, w, h }, { dst, lineLengthBytes: line, panel: p });
    expect(decode(dst, line, px, py)).toEqual({ x, y });
    const r = rotateRect({ x, y, w: 1, h: 1 }, w, h, rot);
    expect({ x: r.x, y: r.y }).toEqual({ x: px, y: py });
  });

  it('a rectangle outside the frame is refused', () => {
    expect(() => convertRect(src, w, h, { x: 3, y: 0, w: 2, h: 1 }, { dst: new Uint8Array(24), lineLengthBytes: 8, panel: panel(4, 3, 'RGB565') })).toThrow(/outside/);
  });
});

describe('the upright RGB565 fast path (two pixels per 32-bit write)', () => {
  it.each([
    [{ x: 0, y: 0, w: 7, h: 3 }, 7], // odd width, odd stride
    [{ x: 1, y: 1, w: 4, h: 2 }, 7], // odd start
    [{ x: 2, y: 0, w: 3, h: 3 }, 8],
    [{ x: 3, y: 2, w: 1, h: 1 }, 8], // one pixel
    [{ x: 0, y: 0, w: 0, h: 3 }, 8], // empty
  ])('%j with %i pixels a line matches the per-pixel formula and leaves the rest alone', (rect, stridePx) => {
    const w = 7;
    const h = 3;
    const src = frame(w, h, (x, y) => [x * 37 + y * 11, x * 5 + y * 71, 255 - x * 29]);
    const dst = new Uint8Array(stridePx * 2 * h).fill(0x5a);
    convertRect(src, w, h, rect, { dst, lineLengthBytes: stridePx * 2, panel: panel(stridePx, h, 'RGB565') });
    for (let y = 0; y < h; y++)
      for (let x = 0; x < stridePx; x++) {
        const got = dst[(y * stridePx + x) * 2] | (dst[(y * stridePx + x) * 2 + 1] << 8);
        const inside = x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
        const i = (y * w + x) * 4;
        expect(got, `(${x},${y})`).toBe(inside ? rgb565(src[i], src[i + 1], src[i + 2]) : 0x5a5a);
      }
  });
});
