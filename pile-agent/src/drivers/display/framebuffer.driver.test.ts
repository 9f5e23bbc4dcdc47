// The framebuffer driver against a regular file of the framebuffer's size (and /dev/full for errors).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultCode } from '../../shared/fault-catalog.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import type { Frame, PanelGeometry, Rect } from '../../ports/display.port.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import { capturingLogger } from '../../shared/logger.js';
import { FramebufferDisplay } from './framebuffer.driver.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fbFile(bytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'fb-'));
  dirs.push(dir);
  const path = join(dir, 'fb0');
  writeFileSync(path, Buffer.alloc(bytes, 0x55));
  return path;
}

function faults(): FaultSink & { events: string[] } {
  const events: string[] = [];
  return { events, raise: (c: FaultCode) => events.push(`raise ${c}`), clear: (c: FaultCode) => events.push(`clear ${c}`) };
}

function solid(w: number, h: number, rgb: [number, number, number], dirty: Rect | null = { x: 0, y: 0, w, h }): Frame {
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([...rgb, 255], i * 4);
  return { seq: 1, view: 'idle', width: w, height: h, rgba, dirty, regions: [] };
}

const panel = (width: number, height: number, pixelFormat: PanelGeometry['pixelFormat'], rotation: PanelGeometry['rotation'] = 0): PanelGeometry => ({ width, height, pixelFormat, rotation });

describe('FramebufferDisplay', () => {
  it('an 800×480 RGB565 frame fills the file with little-endian 16-bit pixels', () => {
    const path = fbFile(800 * 480 * 2);
    const fb = FramebufferDisplay.open({ path, panel: panel(800, 480, 'RGB565'), logger: capturingLogger(), faults: faults() });
    fb.present(solid(800, 480, [0xff, 0, 0]));
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(768_000);
    expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0xf8, 0x00, 0xf8]); // red = 0xF800, low byte first
    expect(bytes.every((b, i) => b === (i % 2 === 0 ? 0x00 : 0xf8))).toBe(true);
  });

  it('a dirty rectangle rewrites only its rows; other pixels keep the previous frame', () => {
    const path = fbFile(8 * 4 * 4);
    const fb = FramebufferDisplay.open({ path, panel: panel(8, 4, 'XRGB8888'), logger: capturingLogger(), faults: faults() });
    fb.present(solid(8, 4, [0, 0, 0xff]));
    const second = solid(8, 4, [0, 0xff, 0], { x: 2, y: 1, w: 3, h: 2 });
    fb.present(second);
    const px = (x: number, y: number) => [...readFileSync(path).subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([0xff, 0x00, 0x00, 0xff]); // blue, B G R X
    expect(px(2, 1)).toEqual([0x00, 0xff, 0x00, 0xff]); // green inside the rectangle
    expect(px(4, 2)).toEqual([0x00, 0xff, 0x00, 0xff]);
    expect(px(5, 1)).toEqual([0xff, 0x00, 0x00, 0xff]); // outside: still blue
    expect(px(2, 3)).toEqual([0xff, 0x00, 0x00, 0xff]);
  });

  it('several dirty rectangles: each is written, the gap between them is not', () => {
    const path = fbFile(8 * 4 * 2);
    const fb = FramebufferDisplay.open({ path, panel: panel(8, 4, 'RGB565'), logger: capturingLogger(), faults: faults() });
    fb.present(solid(8, 4, [0, 0, 0]));
    const f = {
      ...solid(8, 4, [0xff, 0xff, 0xff], { x: 0, y: 0, w: 8, h: 4 }),
      dirtyRects: [
        { x: 0, y: 0, w: 2, h: 1 },
        { x: 6, y: 3, w: 2, h: 1 },
      ],
    };
    fb.present(f);
    const v = (x: number, y: number) => readFileSync(path).readUInt16LE((y * 8 + x) * 2);
    expect([v(0, 0), v(1, 0), v(7, 3)]).toEqual([0xffff, 0xffff, 0xffff]);
    expect([v(2, 0), v(3, 2), v(5, 3)]).toEqual([0, 0, 0]);
  });

  it('rotation 90: a 4×3 logical screen on a 3×4 panel, pixel (0,0) at the top right', () => {
    const path = fbFile(3 * 4 * 2);
    const fb = FramebufferDisplay.open({ path, panel: panel(3, 4, 'RGB565', 90), logger: capturingLogger(), faults: faults() });
    const f = solid(4, 3, [0, 0, 0]);
    f.rgba.set([0xff, 0, 0, 255], 0); // logical (0,0) red
    fb.present(f);
    const v = (x: number, y: number) => readFileSync(path).readUInt16LE((y * 3 + x) * 2);
    expect(v(2, 0)).toBe(0xf800);
    expect(v(0, 0)).toBe(0);
  });

  it('honours a line length longer than the visible row (padding left alone)', () => {
    const path = fbFile(6 * 2);
    const fb = FramebufferDisplay.open({ path, panel: panel(2, 2, 'RGB565'), lineLengthBytes: 6, logger: capturingLogger(), faults: faults() });
    fb.present(solid(2, 2, [0xff, 0xff, 0xff]));
    expect([...readFileSync(path)]).toEqual([0xff, 0xff, 0xff, 0xff, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0]);
  });

  it('refuses a file smaller than the framebuffer and a missing device, with clear errors', () => {
    const small = fbFile(100);
    const open = (path: string) => () => FramebufferDisplay.open({ path, panel: panel(800, 480, 'RGB565'), logger: capturingLogger(), faults: faults() });
    expect(open(small)).toThrow(/needs 768000/);
    try {
      open('/nonexistent/fb9')();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AgentError);
      expect((e as AgentError).code).toBe(AgentErrorCode.DriverUnavailable);
    }
  });

  it('a write error is logged and raises screen.unavailable without throwing; a wrong-size frame is dropped', () => {
    const log = capturingLogger();
    const f = faults();
    const fb = FramebufferDisplay.open({ path: '/dev/full', panel: panel(2, 2, 'RGB565'), logger: log, faults: f });
    expect(() => fb.present(solid(2, 2, [1, 2, 3]))).not.toThrow();
    fb.present(solid(2, 2, [1, 2, 3]));
    expect(f.events).toEqual(['raise screen.unavailable']);
    expect(log.records.some((r) => r.msg?.includes('write failed'))).toBe(true);
    fb.present(solid(3, 2, [1, 2, 3]));
    expect(log.records.some((r) => r.msg?.includes('does not match'))).toBe(true);
  });

  it('does nothing after close', async () => {
    const path = fbFile(4 * 2);
    const fb = FramebufferDisplay.open({ path, panel: panel(2, 2, 'RGB565'), logger: capturingLogger(), faults: faults() });
    await fb.close();
    fb.present(solid(2, 2, [0xff, 0xff, 0xff]));
    expect([...readFileSync(path)]).toEqual(new Array(8).fill(0x55));
  });
});
