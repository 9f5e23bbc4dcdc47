// The evdev driver fed with real struct input_event bytes through a regular file, a FIFO and a
// character device (a pty: read without blocking, so close() never waits for the next touch).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ports/touch-input.port.js';
import type { FaultCode } from '../../shared/fault-catalog.js';
import { capturingLogger } from '../../shared/logger.js';
import { bytesOf, ev, TAP_BYTES } from '../../protocols/evdev/evdev.fixture.js';
import { ABS_X, ABS_Y, BTN_TOUCH, EV_ABS, EV_KEY, EV_SYN, SYN_REPORT } from '../../protocols/evdev/input-event.js';
import { EvdevTouchInput } from './evdev-touch.driver.js';
import { AgentError } from '../../shared/errors.js';
import { openPtyPair } from '../../testing/pty-pair.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'evdev-'));
  dirs.push(d);
  return d;
};
const faults = () => ({ raise: (_c: FaultCode) => {}, clear: (_c: FaultCode) => {} });
const cal4095 = { x: { min: 0, max: 4095 }, y: { min: 0, max: 4095 } };

function collect(t: EvdevTouchInput): TouchEvent[] {
  const out: TouchEvent[] = [];
  t.onTouch((e) => out.push(e));
  return out;
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('EvdevTouchInput', () => {
  it('a regular file of records: the tap, scaled from 0–4095 to 800×480', async () => {
    const path = join(tmp(), 'event0');
    writeFileSync(path, TAP_BYTES);
    const t = EvdevTouchInput.open({ path, panel: { width: 800, height: 480, rotation: 0 }, calibration: cal4095, logger: capturingLogger(), faults: faults() });
    const got = collect(t);
    await t.whenEnded();
    // ABS_X 1000/4095 × 799 = 195.1 → 195; ABS_Y 2000/4095 × 479 = 233.9 → 234
    expect(got).toEqual([
      { type: 'touch', phase: 'down', x: 195, y: 234 },
      { type: 'touch', phase: 'up', x: 195, y: 234 },
    ]);
    await t.close();
  });

  it('a FIFO written in pieces (records split across writes), rotation 90 on an 800×480 panel', async () => {
    const path = join(tmp(), 'touch.fifo');
    execFileSync('mkfifo', [path]);
    const t = EvdevTouchInput.open({ path, panel: { width: 800, height: 480, rotation: 90 }, logger: capturingLogger(), faults: faults() });
    const got = collect(t);
    const w = openSync(path, constants.O_WRONLY);
    const bytes = bytesOf([ev(EV_KEY, BTN_TOUCH, 1), ev(EV_ABS, ABS_X, 799), ev(EV_ABS, ABS_Y, 0), ev(EV_SYN, SYN_REPORT, 0)]);
    writeSync(w, bytes.subarray(0, 30)); // one record and a piece of the next
    await new Promise((r) => setTimeout(r, 20));
    writeSync(w, bytes.subarray(30));
    await until(() => got.length === 1);
    expect(got[0]).toEqual({ type: 'touch', phase: 'down', x: 0, y: 0 }); // panel top right = portrait top left
    writeSync(w, bytesOf([ev(EV_KEY, BTN_TOUCH, 0), ev(EV_SYN, SYN_REPORT, 0)]));
    await until(() => got.length === 2);
    expect(got[1]).toEqual({ type: 'touch', phase: 'up', x: 0, y: 0 });
    closeSync(w);
    await t.close();
  });

  it('a character device: taps arrive, and close() returns at once while no touch comes', async () => {
    const pair = await openPtyPair();
    try {
      const t = EvdevTouchInput.open({ path: pair.a, panel: { width: 800, height: 480, rotation: 0 }, calibration: cal4095, logger: capturingLogger(), faults: faults() });
      const got = collect(t);
      const w = openSync(pair.b, constants.O_WRONLY | constants.O_NOCTTY);
      writeSync(w, TAP_BYTES);
      await until(() => got.length === 2);
      expect(got).toEqual([
        { type: 'touch', phase: 'down', x: 195, y: 234 },
        { type: 'touch', phase: 'up', x: 195, y: 234 },
      ]);
      // Nothing more is written: a blocking read would hold close() until the next touch.
      const t0 = performance.now();
      await Promise.race([t.close(), new Promise((_r, reject) => setTimeout(() => reject(new Error('close() waited for input')), 5_000))]);
      expect(performance.now() - t0).toBeLessThan(5_000);
      closeSync(w);
    } finally {
      await pair.close();
    }
  });

  it('bad records are logged and skipped; later ones still work', async () => {
    const path = join(tmp(), 'event1');
    const bad = TAP_BYTES.slice(0, 24);
    bad[16] = 0x7f;
    writeFileSync(path, Buffer.concat([bad, TAP_BYTES]));
    const log = capturingLogger();
    const t = EvdevTouchInput.open({ path, panel: { width: 800, height: 480, rotation: 0 }, calibration: cal4095, logger: log, faults: faults() });
    const got = collect(t);
    await t.whenEnded();
    expect(got.map((e) => (e.type === 'touch' ? e.phase : ''))).toEqual(['down', 'up']);
    expect(log.records.some((r) => r.level === 'warn' && (r.obj as { code?: string }).code === 'evdev.type')).toBe(true);
    await t.close();
  });

  it('a missing device is a clear AgentError', () => {
    expect(() => EvdevTouchInput.open({ path: '/nonexistent/event9', panel: { width: 800, height: 480, rotation: 0 }, logger: capturingLogger(), faults: faults() })).toThrow(AgentError);
  });
});
