// Pixel checks on real renders: Chinese glyphs are glyphs (not the missing-glyph box), the VIN
// button's pixels are where its hit region says (also after RGB565 and rotation), and a dirty-region
// render gives exactly the pixels of a full render.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame, Scene } from '../../ports/display.port.js';
import { buildScene } from '../../domain/screen/views/index.js';
import { SAMPLE_COMMON, VIEW_SAMPLES } from '../../domain/screen/view-samples.js';
import type { ViewState } from '../../domain/screen/view-state.js';
import { CanvasRenderer, copyRect } from './canvas-renderer.js';
import { convertRect, rgb565 } from './pixel-convert.js';

const VIN_BLUE = [0x1f, 0x6f, 0xeb];

function pixel(f: Frame, x: number, y: number): number[] {
  const i = (Math.round(y) * f.width + Math.round(x)) * 4;
  return [...f.rgba.subarray(i, i + 3)];
}

/** Ink mask (dark pixels on white) of a w×h square at (x0, 0). */
function mask(f: Frame, x0: number, size: number): boolean[] {
  const out: boolean[] = [];
  for (let y = 0; y < size; y++) for (let x = x0; x < x0 + size; x++) out.push(pixel(f, x, y)[0] < 128);
  return out;
}

function glyphScene(chars: string[], size = 100): Scene {
  return {
    view: 'glyphs',
    width: size * chars.length,
    height: size,
    regions: [],
    ops: [
      { op: 'rect', x: 0, y: 0, w: size * chars.length, h: size, fill: '#ffffff' },
      ...chars.map((text, i) => ({ op: 'text' as const, x: size * i + size / 2, y: size / 2, text, sizePx: 72, weight: 'normal' as const, align: 'center' as const, color: '#000000' as const })),
    ],
  };
}

/** Ink inside the middle half of the ink's bounding box (100×100 masks). */
function innerInk(m: boolean[]): number {
  let [x0, y0, x1, y1] = [100, 100, -1, -1];
  m.forEach((v, i) => {
    if (!v) return;
    const [x, y] = [i % 100, Math.floor(i / 100)];
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  });
  const [dx, dy] = [(x1 - x0) / 4, (y1 - y0) / 4];
  return m.filter((v, i) => v && i % 100 > x0 + dx && i % 100 < x1 - dx && Math.floor(i / 100) > y0 + dy && Math.floor(i / 100) < y1 - dy).length;
}

const differing = (a: boolean[], b: boolean[]) => a.filter((v, i) => v !== b[i]).length;
const ink = (a: boolean[]) => a.filter(Boolean).length;

describe('Chinese renders as glyphs', () => {
  it('充 and 电 are inked, differ from each other and from the missing-glyph box', async () => {
    const r = await CanvasRenderer.create({ width: 300, height: 100 });
    // U+10FFFD is a private-use code point no font maps: it shows what a missing glyph looks like.
    const f = r.render(glyphScene(['充', '电', '\u{10FFFD}']));
    const [chong, dian, missing] = [mask(f, 0, 100), mask(f, 100, 100), mask(f, 200, 100)];
    expect(ink(chong)).toBeGreaterThan(400);
    expect(ink(dian)).toBeGreaterThan(400);
    // With boxes for every CJK character, 充 and 电 would be the same picture.
    expect(differing(chong, dian)).toBeGreaterThan(300);
    expect(differing(chong, missing)).toBeGreaterThan(300);
    // A box is ink on its outline with an empty inside; a glyph has strokes inside its outline.
    expect(innerInk(missing)).toBe(0); // the method tells a box when it sees one
    expect(innerInk(chong)).toBeGreaterThan(100);
    expect(innerInk(dian)).toBeGreaterThan(100);
  });

  it('no CJK font is a clear error, not boxes', async () => {
    await expect(CanvasRenderer.create({ width: 10, height: 10, fontCandidates: [] })).rejects.toThrow(/no CJK font found.*fonts-wqy-microhei/);
    const dir = mkdtempSync(join(tmpdir(), 'font-'));
    writeFileSync(join(dir, 'fake.ttf'), 'not a font');
    await expect(CanvasRenderer.create({ width: 10, height: 10, fontCandidates: [join(dir, 'fake.ttf')] })).rejects.toThrow(/could be loaded/);
  });
});

describe('the VIN button is where its hit region says', () => {
  const idle: ViewState = VIEW_SAMPLES.idle;

  for (const [w, h] of [
    [800, 480],
    [1024, 600],
    [480, 800],
  ] as const)
    it(`${w}×${h}: VIN blue inside the region, not just outside it`, async () => {
      const r = await CanvasRenderer.create({ width: w, height: h });
      const scene = buildScene({ common: SAMPLE_COMMON, view: idle }, { width: w, height: h });
      const f = r.render(scene);
      const vin = scene.regions.find((x) => x.name === 'vin-charge')!.rect;
      const inside = [
        [vin.x + 20, vin.y + vin.h / 2],
        [vin.x + vin.w - 20, vin.y + vin.h / 2],
        [vin.x + vin.w / 2, vin.y + 5],
        [vin.x + vin.w / 2, vin.y + vin.h - 6],
      ];
      for (const [x, y] of inside) expect(pixel(f, x, y), `(${x},${y})`).toEqual(VIN_BLUE);
      const outside = [
        [vin.x - 3, vin.y + vin.h / 2],
        [vin.x + vin.w + 2, vin.y + vin.h / 2],
        [vin.x + vin.w / 2, vin.y - 3],
        [vin.x + vin.w / 2, vin.y + vin.h + 2],
      ];
      for (const [x, y] of outside) expect(pixel(f, x, y), `(${x},${y})`).not.toEqual(VIN_BLUE);
    });

  it('on a 800×480 RGB565 panel at rotation 90 the VIN pixels land at the rotated place', async () => {
    const r = await CanvasRenderer.create({ width: 480, height: 800 });
    const scene = buildScene({ common: SAMPLE_COMMON, view: idle }, { width: 480, height: 800 });
    const f = r.render(scene);
    const dst = new Uint8Array(800 * 480 * 2);
    convertRect(f.rgba, 480, 800, f.dirty!, { dst, lineLengthBytes: 1600, panel: { width: 800, height: 480, pixelFormat: 'RGB565', rotation: 90 } });
    const vin = scene.regions.find((x) => x.name === 'vin-charge')!.rect;
    const [lx, ly] = [vin.x + 20, vin.y + Math.round(vin.h / 2)];
    const [px, py] = [800 - 1 - ly, lx]; // clockwise: logical (x, y) → panel (H-1-y, x)
    expect(dst[(py * 800 + px) * 2] | (dst[(py * 800 + px) * 2 + 1] << 8)).toBe(rgb565(0x1f, 0x6f, 0xeb));
  });
});

describe('dirty regions', () => {
  const state = (energyWh: number, elapsedS = 2000): ViewState => ({ ...VIEW_SAMPLES.charging, energyWh, elapsedS, costFen: Math.round(energyWh / 9) });
  const sceneOf = (v: ViewState) => buildScene({ common: SAMPLE_COMMON, view: v }, { width: 800, height: 480 });

  it('a new view is a full frame; the same scene again changes nothing', async () => {
    const r = await CanvasRenderer.create({ width: 800, height: 480 });
    expect(r.render(sceneOf(VIEW_SAMPLES.idle)).dirty).toEqual({ x: 0, y: 0, w: 800, h: 480 });
    expect(r.render(sceneOf(VIEW_SAMPLES.idle)).dirty).toBeNull();
    expect(r.render(sceneOf(state(1000))).dirty).toEqual({ x: 0, y: 0, w: 800, h: 480 });
  });

  it('a changed figure redraws a small rectangle whose pixels equal a full render', async () => {
    const r = await CanvasRenderer.create({ width: 800, height: 480 });
    r.render(sceneOf(state(48_365)));
    const f = r.render(sceneOf(state(51_999, 2061)));
    expect(f.dirty).not.toBeNull();
    const parts = f.dirtyRects ?? [f.dirty!];
    expect(parts.reduce((a, r) => a + r.w * r.h, 0)).toBeLessThan(0.2 * 800 * 480);
    const full = await CanvasRenderer.create({ width: 800, height: 480 });
    const g = full.render(sceneOf(state(51_999, 2061)));
    expect(f.dirtyRects?.length).toBeGreaterThan(1); // energy, elapsed and cost are apart
    let diff = 0;
    for (let i = 0; i < g.rgba.length; i++) if (f.rgba[i] !== g.rgba[i]) diff++;
    expect(diff).toBe(0);
  });

  it('copies a read-back into its place in the frame, whether or not the buffers are 4-byte aligned', () => {
    const width = 7;
    const rect = { x: 2, y: 1, w: 3, h: 2 };
    const src = new Uint8ClampedArray(rect.w * rect.h * 4).map((_, i) => i + 1);
    const expected = new Uint8Array(width * 4 * 4);
    for (let y = 0; y < rect.h; y++) expected.set(src.subarray(y * rect.w * 4, (y + 1) * rect.w * 4), ((rect.y + y) * width + rect.x) * 4);
    const aligned = new Uint8Array(width * 4 * 4);
    copyRect(src, rect, aligned, width);
    expect([...aligned]).toEqual([...expected]);
    const odd = new Uint8Array(new ArrayBuffer(width * 4 * 4 + 1), 1);
    const oddSrc = new Uint8ClampedArray(new ArrayBuffer(src.length + 3), 3);
    oddSrc.set(src);
    copyRect(oddSrc, rect, odd, width);
    expect([...odd]).toEqual([...expected]);
  });

  it('refuses a scene of another size', async () => {
    const r = await CanvasRenderer.create({ width: 800, height: 480 });
    expect(() => r.render(buildScene({ common: SAMPLE_COMMON, view: VIEW_SAMPLES.idle }, { width: 1024, height: 600 }))).toThrow(/1024×600/);
  });
});
