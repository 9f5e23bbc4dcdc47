// The screen controller: turns view states into frames on every display surface, and touches or an
// external driver's named presses into button presses for the session layer. It owns only the
// language (the `lang` button toggles it) and the current hit regions; what to show is the caller's.
import type { DisplaySurface, Frame, FrameRenderer, HitRegion } from '../../ports/display.port.js';
import type { TouchEvent, TouchInput } from '../../ports/touch-input.port.js';
import type { Logger } from '../../shared/logger.js';
import { DEFAULT_LANG } from './i18n/index.js';
import { regionAt } from './hit-test.js';
import type { Lang, ScreenState } from './view-state.js';
import { buildScene } from './views/index.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export interface ButtonPress {
  /** The hit region's name: `vin-charge`, `stop`, `key-7`, `connector-2`, … */
  readonly name: string;
  readonly view: string;
  /** The connector the screen was about (idle: the selected one; `connector-N`: N), null for pile-wide views. */
  readonly connectorId: number | null;
  readonly source: 'touch' | 'driver';
}

export interface ScreenControllerDeps {
  readonly renderer: FrameRenderer;
  readonly displays: readonly DisplaySurface[];
  readonly inputs: readonly TouchInput[];
  /** The logical screen (after rotation). */
  readonly width: number;
  readonly height: number;
  readonly lang?: Lang;
  readonly logger: Logger;
}

export class ScreenController {
  private lang: Lang;
  private state: ScreenState | null = null;
  private current: readonly HitRegion[] = [];
  private pressed: HitRegion | null = null;
  private readonly events: TypedEmitter<{ press: [p: ButtonPress] }>;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: ScreenControllerDeps) {
    this.events = new TypedEmitter(deps.logger);
    this.lang = deps.lang ?? DEFAULT_LANG;
    for (const input of deps.inputs) this.unsubscribe.push(input.onTouch((e) => this.handle(e)));
  }

  get language(): Lang {
    return this.lang;
  }

  /** Draws `state` and presents it on every display; returns the frame. */
  show(state: ScreenState): Frame {
    this.state = state;
    const scene = buildScene(state, { width: this.deps.width, height: this.deps.height, lang: this.lang });
    const frame = this.deps.renderer.render(scene);
    this.current = scene.regions;
    if (this.pressed && !this.current.some((r) => r.name === this.pressed?.name)) this.pressed = null;
    for (const d of this.deps.displays) {
      try {
        d.present(frame);
      } catch (e) {
        this.deps.logger.error({ err: String(e), view: scene.view }, 'display present failed');
      }
    }
    return frame;
  }

  setLanguage(lang: Lang): void {
    this.lang = lang;
    if (this.state) this.show(this.state);
  }

  regions(): readonly HitRegion[] {
    return this.current;
  }

  onPress(listener: (p: ButtonPress) => void): () => void {
    return this.events.on('press', listener);
  }

  /** One input event: a touch (down marks a button, up on the same button presses it) or a named press. */
  handle(e: TouchEvent): void {
    if (e.type === 'button') {
      const region = this.current.find((r) => r.name === e.name);
      if (!region) {
        this.deps.logger.warn({ name: e.name, view: this.state?.view.view }, 'press of a button the screen does not show: ignored');
        return;
      }
      this.press(region.name, 'driver');
      return;
    }
    const at = regionAt(this.current, e.x, e.y);
    if (e.phase === 'down') this.pressed = at;
    else if (e.phase === 'up') {
      const was = this.pressed;
      this.pressed = null;
      if (was && at && at.name === was.name) this.press(was.name, 'touch');
    }
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    this.events.clear();
  }

  private press(name: string, source: ButtonPress['source']): void {
    if (name === 'lang') {
      this.setLanguage(this.lang === 'zh-CN' ? 'en' : 'zh-CN');
      return;
    }
    const v = this.state?.view;
    let connectorId: number | null = null;
    const m = /^connector-(\d+)$/.exec(name);
    if (m) connectorId = Number(m[1]);
    else if (v && v.view === 'idle') connectorId = v.selectedConnectorId;
    else if (v && 'connectorId' in v) connectorId = v.connectorId;
    const p: ButtonPress = { name, view: v?.view ?? 'none', connectorId, source };
    this.events.emit('press', p);
  }
}
