// The PNG encoder: a valid file (signature, chunk CRCs, IHDR) whose pixels inflate back to the frame.
import { describe, expect, it } from 'vitest';
import { encodePng, PngSnapshotDisplay } from './png-snapshot.js';
import { decodePng, type DecodedPng } from './png-decode.js';

function decode(png: Buffer): DecodedPng {
  const r = decodePng(png);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('encodePng', () => {
  const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i % 4 === 3 ? 255 : i * 7));

  it('round trip of a whole frame', () => {
    const d = decode(encodePng(rgba, 3, 2));
    expect(d.width).toBe(3);
    expect(d.height).toBe(2);
    expect([...d.rgba]).toEqual([...rgba]);
  });

  it('a rectangle of the frame', () => {
    const d = decode(encodePng(rgba, 3, 2, { x: 1, y: 1, w: 2, h: 1 }));
    expect(d.width).toBe(2);
    expect([...d.rgba]).toEqual([...rgba.subarray(16, 24)]);
  });

  it('premultiplied half-transparent pixels come out straight', () => {
    const d = decode(encodePng(Uint8Array.of(64, 0, 32, 128), 1, 1));
    expect([...d.rgba]).toEqual([128, 0, 64, 128]);
  });

  it('refuses a rectangle outside the frame or a short buffer', () => {
    expect(() => encodePng(rgba, 3, 2, { x: 2, y: 0, w: 2, h: 1 })).toThrow(/outside/);
    expect(() => encodePng(rgba, 4, 2)).toThrow(/needs 32/);
  });
});

describe('PngSnapshotDisplay', () => {
  it('nothing before the first frame; afterwards a copy of the last frame', () => {
    const d = new PngSnapshotDisplay({ width: 1, height: 1, pixelFormat: 'RGB565', rotation: 0 });
    expect(d.snapshot()).toBeNull();
    const px = Uint8Array.of(10, 20, 30, 255);
    d.present({ seq: 1, view: 'idle', width: 1, height: 1, rgba: px, dirty: { x: 0, y: 0, w: 1, h: 1 }, regions: [] });
    px[0] = 99; // the renderer reuses its buffer
    expect([...decode(d.snapshot()!).rgba]).toEqual([10, 20, 30, 255]);
    expect(d.lastView()).toBe('idle');
  });
});

describe('decodePng', () => {
  it('reads what the canvas writes (filtered rows) and names what it cannot read', async () => {
    const { CanvasRenderer } = await import('./canvas-renderer.js');
    const r = await CanvasRenderer.create({ width: 40, height: 20 });
    const f = r.render({
      view: 'x',
      width: 40,
      height: 20,
      regions: [],
      ops: [
        { op: 'rect', x: 0, y: 0, w: 40, h: 20, fill: '#1f6feb' },
        { op: 'circle', cx: 20, cy: 10, r: 8, fill: '#ffffff' },
      ],
    });
    const d = decode(r.png());
    expect(d.width).toBe(40);
    expect([...d.rgba]).toEqual([...f.rgba]);
    expect(decodePng(Buffer.from('hello'))).toMatchObject({ ok: false, error: { code: 'png.signature' } });
    const bad = Buffer.from(encodePng(f.rgba, 40, 20));
    bad[bad.length - 20] ^= 0xff; // flip a byte of the IDAT data
    expect(decodePng(bad)).toMatchObject({ ok: false, error: { code: 'png.crc' } });
  });
});
