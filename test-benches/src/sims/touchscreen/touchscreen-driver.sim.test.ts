// The touchscreen-driver simulator against the pile's real screen stack: controller + canvas renderer
// + socket display. It sees the idle screen, finds the VIN button's pixels where its hit region says,
// and presses `vin-charge` by name; the controller reports the press for connector 1.
import { afterEach, describe, expect, it } from 'vitest';
import { CanvasRenderer, SocketDisplay } from '../../../../pile-agent/drivers.js';
import { nullLogger } from '../../../../pile-agent/ports.js';
import { SAMPLE_COMMON, ScreenController, VIEW_SAMPLES, type ButtonPress, type ViewState } from '../../../../pile-agent/index.js';
import { TouchscreenDriverSim, TouchscreenSimError, type TouchscreenSimBehavior } from './touchscreen-driver.sim.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function pile(view: ViewState = VIEW_SAMPLES.idle, size: [number, number] = [800, 480]) {
  const socket = await SocketDisplay.listen({ listen: { port: 0 }, panel: { width: size[0], height: size[1], pixelFormat: 'RGB565', rotation: 0 }, logger: nullLogger });
  closers.push(() => socket.close());
  const renderer = await CanvasRenderer.create({ width: size[0], height: size[1] });
  const controller = new ScreenController({ renderer, displays: [socket], inputs: [socket], width: size[0], height: size[1], logger: nullLogger });
  closers.push(() => controller.close());
  const presses: ButtonPress[] = [];
  controller.onPress((p) => presses.push(p));
  controller.show({ common: SAMPLE_COMMON, view });
  return { socket, controller, presses, port: (socket.address() as { port: number }).port };
}

async function sim(port: number, behavior: Partial<TouchscreenSimBehavior> = {}) {
  const s = await TouchscreenDriverSim.connect({ port }, behavior);
  closers.push(() => s.close());
  return s;
}

describe('TouchscreenDriverSim', () => {
  it('presses vin-charge by name: the pile reports the press for the selected connector', async () => {
    const p = await pile();
    const s = await sim(p.port);
    await s.waitForView('idle');
    expect(s.panel).toMatchObject({ width: 800, height: 480, pixelFormat: 'RGB565' });
    expect(s.regions().map((r) => r.name)).toContain('vin-charge');
    await s.press('vin-charge');
    expect(p.presses).toEqual([{ name: 'vin-charge', view: 'idle', connectorId: 1, source: 'driver' }]);
  });

  it('the VIN button pixels it received are where the hit region says', async () => {
    const p = await pile();
    const s = await sim(p.port);
    await s.waitForView('idle');
    const vin = s.regions().find((r) => r.name === 'vin-charge')!;
    expect(s.pixel(vin.x + 20, vin.y + Math.round(vin.h / 2))).toEqual([0x1f, 0x6f, 0xeb]);
    expect(s.pixel(vin.x - 3, vin.y + Math.round(vin.h / 2))).not.toEqual([0x1f, 0x6f, 0xeb]);
  });

  it('a button the screen does not show is refused with unknown-button', async () => {
    const p = await pile({ ...VIEW_SAMPLES.idle, vinCharge: false });
    const s = await sim(p.port);
    await s.waitForView('idle');
    await expect(s.press('vin-charge')).rejects.toMatchObject({ code: 'unknown-button' });
    expect(p.presses).toEqual([]);
  });

  it('tap behaviour: a finger down and up on the button (a little off centre) is a touch press', async () => {
    const p = await pile();
    const s = await sim(p.port, { activation: 'tap', tapOffsetPx: { dx: 30, dy: -10 } });
    await s.waitForView('idle');
    await s.press('card-charge');
    expect(p.presses).toEqual([{ name: 'card-charge', view: 'idle', connectorId: 1, source: 'touch' }]);
    await expect(s.press('stop')).rejects.toBeInstanceOf(TouchscreenSimError);
  });

  it('follows the screen: a new view as a full frame, a changing figure as a small RGB565 rectangle', async () => {
    const p = await pile();
    const s = await sim(p.port, { encoding: 'rgb565' });
    p.controller.show({ common: SAMPLE_COMMON, view: VIEW_SAMPLES.charging });
    await s.waitForView('charging');
    await s.waitForButton('stop');
    const before = s.frames.length;
    p.controller.show({ common: SAMPLE_COMMON, view: { ...VIEW_SAMPLES.charging, energyWh: 49_010 } });
    const seq = s.lastSeq() + 1;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no frame')), 5000);
      const poll = () => (s.lastSeq() >= seq ? (clearTimeout(t), resolve()) : setTimeout(poll, 5));
      poll();
    });
    const last = s.frames.at(-1)!;
    expect(s.frames.length).toBe(before + 1);
    expect(last.full).toBe(false);
    expect(last.rect.w * last.rect.h).toBeLessThan(800 * 480 * 0.1);
    await s.press('stop');
    expect(p.presses.at(-1)).toMatchObject({ name: 'stop', view: 'charging' });
  });
});
