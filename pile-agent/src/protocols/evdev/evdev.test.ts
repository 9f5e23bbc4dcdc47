// evdev codec (struct input_event, 64-bit), framer, touch assembly and mapping, from annotated bytes.
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { bytesOf, ev, TAP_BYTES } from './evdev.fixture.js';
import {
  ABS_MT_POSITION_X,
  ABS_MT_POSITION_Y,
  ABS_MT_SLOT,
  ABS_MT_TRACKING_ID,
  ABS_X,
  ABS_Y,
  BTN_TOUCH,
  decodeInputEvent,
  encodeInputEvent,
  EV_ABS,
  EV_KEY,
  EV_SYN,
  InputEventFramer,
  SYN_DROPPED,
  SYN_REPORT,
  type InputEvent,
} from './input-event.js';
import { ASSEMBLER_START, assembleTouch, type RawTouch } from './touch-assembler.js';
import { mapTouch, pixelCalibration } from './touch-mapping.js';

function touchesOf(events: readonly InputEvent[]): RawTouch[] {
  let s = ASSEMBLER_START;
  const out: RawTouch[] = [];
  for (const e of events) {
    const r = assembleTouch(s, e);
    s = r.state;
    out.push(...r.touches);
  }
  return out;
}

describe('input_event codec (include/uapi/linux/input.h, 64-bit layout)', () => {
  it('decodes the captured tap record by record and encodes it back byte for byte', () => {
    const first = decodeInputEvent(TAP_BYTES, 0);
    expect(first).toEqual({ ok: true, value: { timeSec: 1_700_000_000, timeUsec: 250_000, type: EV_KEY, code: BTN_TOUCH, value: 1 } });
    const all = new InputEventFramer().push(TAP_BYTES).map((r) => (r.ok ? r.value : null));
    expect(all.map((e) => [e?.type, e?.code, e?.value])).toEqual([
      [EV_KEY, BTN_TOUCH, 1],
      [EV_ABS, ABS_X, 1000],
      [EV_ABS, ABS_Y, 2000],
      [EV_SYN, SYN_REPORT, 0],
      [EV_KEY, BTN_TOUCH, 0],
      [EV_SYN, SYN_REPORT, 0],
    ]);
    expect(all[4]?.timeUsec).toBe(350_000);
    expect(Buffer.from(bytesOf(all as InputEvent[])).equals(Buffer.from(TAP_BYTES))).toBe(true);
  });

  it('a minimal record: negative value (ABS_MT_TRACKING_ID −1)', () => {
    const bytes = hex(
      '0000000000000000' + // tv_sec 0
        '0000000000000000' + // tv_usec 0
        '0300' + // EV_ABS
        '3900' + // ABS_MT_TRACKING_ID
        'FFFFFFFF', // value −1: contact lifted
    );
    expect(decodeInputEvent(bytes)).toEqual({ ok: true, value: { timeSec: 0, timeUsec: 0, type: EV_ABS, code: ABS_MT_TRACKING_ID, value: -1 } });
    expect([...encodeInputEvent({ timeSec: 0, timeUsec: 0, type: EV_ABS, code: ABS_MT_TRACKING_ID, value: -1 })]).toEqual([...bytes]);
  });

  it('malformed records are named errors', () => {
    expect(decodeInputEvent(TAP_BYTES.subarray(0, 23))).toMatchObject({ ok: false, error: { code: 'evdev.short' } });
    const badType = TAP_BYTES.slice(0, 24);
    badType[16] = 0x20; // type 0x20 > EV_MAX
    expect(decodeInputEvent(badType)).toMatchObject({ ok: false, error: { code: 'evdev.type' } });
    const badUsec = TAP_BYTES.slice(0, 24);
    badUsec.set([0x40, 0x42, 0x0f, 0x00], 8); // tv_usec = 1,000,000
    expect(decodeInputEvent(badUsec)).toMatchObject({ ok: false, error: { code: 'evdev.time' } });
  });
});

describe('InputEventFramer', () => {
  it('one record; two in one chunk; one over two chunks; a corrupt one skipped in place', () => {
    const f = new InputEventFramer();
    expect(f.push(TAP_BYTES.subarray(0, 24))).toHaveLength(1);
    expect(f.push(TAP_BYTES.subarray(24, 72))).toHaveLength(2);
    expect(f.push(TAP_BYTES.subarray(72, 80))).toEqual([]);
    expect(f.pending()).toBe(8);
    const r = f.push(TAP_BYTES.subarray(80, 96));
    expect(r).toEqual([{ ok: true, value: expect.objectContaining({ type: EV_SYN, code: SYN_REPORT }) }]);
    const corrupt = TAP_BYTES.slice(96, 144);
    corrupt[16] = 0xff; // first record's type is garbage
    const out = f.push(corrupt);
    expect(out.map((x) => x.ok)).toEqual([false, true]);
    expect(f.pending()).toBe(0);
  });
});

describe('touch assembly', () => {
  it('single touch: down at SYN_REPORT, up at release (Documentation/input/event-codes.rst)', () => {
    const events = new InputEventFramer().push(TAP_BYTES).flatMap((r) => (r.ok ? [r.value] : []));
    expect(touchesOf(events)).toEqual([
      { phase: 'down', x: 1000, y: 2000 },
      { phase: 'up', x: 1000, y: 2000 },
    ]);
  });

  it('moves are reported once per packet and only when the point changed', () => {
    const t = touchesOf([
      ev(EV_KEY, BTN_TOUCH, 1),
      ev(EV_ABS, ABS_X, 10),
      ev(EV_ABS, ABS_Y, 20),
      ev(EV_SYN, SYN_REPORT, 0),
      ev(EV_ABS, ABS_X, 12),
      ev(EV_SYN, SYN_REPORT, 0),
      ev(EV_SYN, SYN_REPORT, 0),
      ev(EV_KEY, BTN_TOUCH, 0),
      ev(EV_SYN, SYN_REPORT, 0),
    ]);
    expect(t).toEqual([
      { phase: 'down', x: 10, y: 20 },
      { phase: 'move', x: 12, y: 20 },
      { phase: 'up', x: 12, y: 20 },
    ]);
  });

  it('multi-touch type B: slot 0 followed by tracking id, other slots ignored', () => {
    const t = touchesOf([
      ev(EV_ABS, ABS_MT_SLOT, 0),
      ev(EV_ABS, ABS_MT_TRACKING_ID, 45),
      ev(EV_ABS, ABS_MT_POSITION_X, 300),
      ev(EV_ABS, ABS_MT_POSITION_Y, 200),
      ev(EV_SYN, SYN_REPORT, 0),
      ev(EV_ABS, ABS_MT_SLOT, 1),
      ev(EV_ABS, ABS_MT_TRACKING_ID, 46),
      ev(EV_ABS, ABS_MT_POSITION_X, 700),
      ev(EV_SYN, SYN_REPORT, 0),
      ev(EV_ABS, ABS_MT_SLOT, 0),
      ev(EV_ABS, ABS_MT_TRACKING_ID, -1),
      ev(EV_SYN, SYN_REPORT, 0),
    ]);
    expect(t).toEqual([
      { phase: 'down', x: 300, y: 200 },
      { phase: 'up', x: 300, y: 200 },
    ]);
  });

  it('after SYN_DROPPED the packet is discarded up to the next SYN_REPORT', () => {
    const t = touchesOf([
      ev(EV_SYN, SYN_DROPPED, 0),
      ev(EV_KEY, BTN_TOUCH, 1),
      ev(EV_ABS, ABS_X, 5),
      ev(EV_ABS, ABS_Y, 5),
      ev(EV_SYN, SYN_REPORT, 0),
      ev(EV_KEY, BTN_TOUCH, 1),
      ev(EV_ABS, ABS_X, 6),
      ev(EV_ABS, ABS_Y, 7),
      ev(EV_SYN, SYN_REPORT, 0),
    ]);
    expect(t).toEqual([{ phase: 'down', x: 6, y: 7 }]);
  });
});

describe('touch mapping: device range → panel → logical screen', () => {
  const cal = { x: { min: 0, max: 4095 }, y: { min: 0, max: 4095 } };
  it('scales a 0–4095 controller to 800×480', () => {
    const p = { width: 800, height: 480, rotation: 0 as const };
    expect(mapTouch(0, 0, cal, p)).toEqual({ x: 0, y: 0 });
    expect(mapTouch(4095, 4095, cal, p)).toEqual({ x: 799, y: 479 });
    expect(mapTouch(2048, 1024, cal, p)).toEqual({ x: 400, y: 120 });
    expect(mapTouch(-50, 9999, cal, p)).toEqual({ x: 0, y: 479 }); // clamped
  });

  it.each([
    // rotation, panel point → logical point (800×480 panel)
    [90, 799, 0, 0, 0], // the panel's top-right corner is the portrait screen's top left
    [90, 0, 479, 479, 799],
    [180, 799, 479, 0, 0],
    [270, 0, 479, 0, 0],
    [270, 799, 0, 479, 799],
  ] as const)('rotation %i: panel (%i,%i) → logical (%i,%i)', (rotation, px, py, x, y) => {
    const p = { width: 800, height: 480, rotation };
    expect(mapTouch(px, py, pixelCalibration(p), p)).toEqual({ x, y });
  });

  it('swapped and inverted axes', () => {
    const p = { width: 800, height: 480, rotation: 0 as const };
    expect(mapTouch(0, 4095, { ...cal, swapXY: true }, p)).toEqual({ x: 799, y: 0 });
    expect(mapTouch(0, 0, { ...cal, invertX: true, invertY: true }, p)).toEqual({ x: 799, y: 479 });
  });
});
