// The controller with fake ports: frames to every display, touches and named presses to button presses.
import { describe, expect, it } from 'vitest';
import type { DisplaySurface, Frame, FrameRenderer, Scene } from '../../ports/display.port.js';
import type { TouchEvent, TouchInput } from '../../ports/touch-input.port.js';
import { capturingLogger } from '../../shared/logger.js';
import { centre } from './layout.js';
import { ScreenController, type ButtonPress } from './screen.controller.js';
import { SAMPLE_COMMON, VIEW_SAMPLES } from './view-samples.js';
import type { ViewState } from './view-state.js';

class FakeRenderer implements FrameRenderer {
  scenes: Scene[] = [];
  render(scene: Scene): Frame {
    this.scenes.push(scene);
    return { seq: this.scenes.length, view: scene.view, width: scene.width, height: scene.height, rgba: new Uint8Array(4), dirty: { x: 0, y: 0, w: 1, h: 1 }, regions: scene.regions };
  }
}

class FakeDisplay implements DisplaySurface {
  readonly panel = { width: 800, height: 480, pixelFormat: 'RGB565' as const, rotation: 0 as const };
  frames: Frame[] = [];
  present(frame: Frame): void {
    this.frames.push(frame);
  }
  async close(): Promise<void> {}
}

class FakeTouch implements TouchInput {
  private l: ((e: TouchEvent) => void) | null = null;
  onTouch(listener: (e: TouchEvent) => void): () => void {
    this.l = listener;
    return () => (this.l = null);
  }
  emit(e: TouchEvent): void {
    this.l?.(e);
  }
  async close(): Promise<void> {}
}

function setup(view: ViewState = VIEW_SAMPLES.idle) {
  const renderer = new FakeRenderer();
  const displays = [new FakeDisplay(), new FakeDisplay()];
  const touch = new FakeTouch();
  const logger = capturingLogger();
  const c = new ScreenController({ renderer, displays, inputs: [touch], width: 800, height: 480, logger });
  const presses: ButtonPress[] = [];
  c.onPress((p) => presses.push(p));
  c.show({ common: SAMPLE_COMMON, view });
  const at = (name: string) => centre(c.regions().find((r) => r.name === name)!.rect);
  return { c, renderer, displays, touch, logger, presses, at };
}

describe('ScreenController', () => {
  it('presents each frame on every display', () => {
    const { displays } = setup();
    expect(displays.map((d) => d.frames.map((f) => f.view))).toEqual([['idle'], ['idle']]);
  });

  it('a touch down and up on the VIN button is a press of vin-charge for the selected connector', () => {
    const { touch, presses, at } = setup();
    const p = at('vin-charge');
    touch.emit({ type: 'touch', phase: 'down', ...p });
    touch.emit({ type: 'touch', phase: 'move', x: p.x + 3, y: p.y });
    expect(presses).toEqual([]);
    touch.emit({ type: 'touch', phase: 'up', x: p.x + 3, y: p.y });
    expect(presses).toEqual([{ name: 'vin-charge', view: 'idle', connectorId: 1, source: 'touch' }]);
  });

  it('releasing on another button or outside presses nothing', () => {
    const { touch, presses, at } = setup();
    touch.emit({ type: 'touch', phase: 'down', ...at('vin-charge') });
    touch.emit({ type: 'touch', phase: 'up', ...at('card-charge') });
    touch.emit({ type: 'touch', phase: 'down', ...at('card-charge') });
    touch.emit({ type: 'touch', phase: 'up', x: 2, y: 470 });
    touch.emit({ type: 'touch', phase: 'up', ...at('card-charge') }); // an up without its down
    expect(presses).toEqual([]);
  });

  it('a connector tab names its connector', () => {
    const { c, presses } = setup();
    c.handle({ type: 'button', name: 'connector-2' });
    expect(presses).toEqual([{ name: 'connector-2', view: 'idle', connectorId: 2, source: 'driver' }]);
  });

  it('a named press of a button the screen does not show is logged and ignored', () => {
    const { c, presses, logger } = setup({ ...VIEW_SAMPLES.idle, vinCharge: false });
    c.handle({ type: 'button', name: 'vin-charge' });
    expect(presses).toEqual([]);
    expect(logger.records.some((r) => r.level === 'warn' && r.msg?.includes('does not show'))).toBe(true);
  });

  it('the views connector is reported for in-session buttons', () => {
    const { c, presses } = setup({ ...VIEW_SAMPLES.charging, connectorId: 2 });
    c.handle({ type: 'button', name: 'stop' });
    expect(presses[0]).toMatchObject({ name: 'stop', view: 'charging', connectorId: 2 });
  });

  it('the lang button switches the language and redraws, without a press', () => {
    const { c, renderer, presses } = setup();
    expect(c.language).toBe('zh-CN');
    c.handle({ type: 'button', name: 'lang' });
    expect(c.language).toBe('en');
    expect(presses).toEqual([]);
    const last = renderer.scenes.at(-1)!;
    expect(last.ops.some((o) => o.op === 'text' && o.text === 'VIN charge')).toBe(true);
  });

  it('after close no touch reaches it', async () => {
    const { c, touch, presses, at } = setup();
    await c.close();
    touch.emit({ type: 'touch', phase: 'down', ...at('vin-charge') });
    touch.emit({ type: 'touch', phase: 'up', ...at('vin-charge') });
    expect(presses).toEqual([]);
  });
});
