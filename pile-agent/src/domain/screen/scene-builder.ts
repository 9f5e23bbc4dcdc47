// Collects a view's draw operations and hit regions in order, with small shorthands (button,
// label/value tile, panel) so views read as layout, not as canvas calls. Pure; no drawing library.
import type { Color, DrawOp, HitRegion, Rect, Scene } from '../../ports/display.port.js';
import { COLORS, TYPE } from './theme.js';
import type { Layout } from './layout.js';

export interface TextStyle {
  readonly sizePx: number;
  readonly weight?: 'normal' | 'bold';
  readonly align?: 'left' | 'center' | 'right';
  readonly color?: Color;
  readonly maxWidth?: number;
}

export class SceneBuilder {
  private readonly ops: DrawOp[] = [];
  private readonly regions: HitRegion[] = [];

  constructor(
    readonly view: string,
    readonly layout: Layout,
  ) {}

  /** Layout units → pixels. */
  px(units: number): number {
    return Math.round(units * this.layout.u);
  }

  add(op: DrawOp): this {
    this.ops.push(op);
    return this;
  }

  rect(r: Rect, fill: Color): this {
    return this.add({ op: 'rect', x: r.x, y: r.y, w: r.w, h: r.h, fill });
  }

  panel(r: Rect, fill: Color = COLORS.panel, radiusUnits = 12): this {
    return this.add({ op: 'round-rect', x: r.x, y: r.y, w: r.w, h: r.h, radius: this.px(radiusUnits), fill });
  }

  text(x: number, y: number, text: string, style: TextStyle): this {
    // Two literal shapes, never a spread: every text op of every frame then shares one of two
    // hidden classes, and the renderer's optimised code is not thrown away when a frame's spread-made
    // shapes die in a collection (which, on one core, stalled a charging-screen update for 5 ms).
    const sizePx = Math.round(style.sizePx);
    const weight = style.weight ?? 'normal';
    const align = style.align ?? 'left';
    const color = style.color ?? COLORS.text;
    if (style.maxWidth === undefined) return this.add({ op: 'text', x: Math.round(x), y: Math.round(y), text, sizePx, weight, align, color });
    return this.add({ op: 'text', x: Math.round(x), y: Math.round(y), text, sizePx, weight, align, color, maxWidth: Math.round(style.maxWidth) });
  }

  /** Text centred in a rectangle (squeezed to its width). */
  textIn(r: Rect, text: string, style: Omit<TextStyle, 'align' | 'maxWidth'>): this {
    return this.text(r.x + r.w / 2, r.y + r.h / 2, text, { sizePx: style.sizePx, weight: style.weight, color: style.color, align: 'center', maxWidth: r.w - this.px(8) });
  }

  /** A named button; a disabled one is drawn greyed and gets no hit region. */
  button(name: string, r: Rect, label: string, fill: Color, opts: { enabled?: boolean; sizeUnits?: number } = {}): this {
    const enabled = opts.enabled ?? true;
    this.panel(r, enabled ? fill : COLORS.disabled, 14);
    this.textIn(r, label, { sizePx: this.px(opts.sizeUnits ?? TYPE.button), weight: 'bold', color: enabled ? COLORS.text : COLORS.disabledText });
    if (enabled) this.regions.push({ name, rect: { x: r.x, y: r.y, w: r.w, h: r.h } });
    return this;
  }

  /** A small label above a large value, in a panel. */
  tile(r: Rect, label: string, value: string, valueColor: Color = COLORS.text): this {
    this.panel(r, COLORS.panel, 10);
    const labelY = r.y + r.h * 0.3;
    const valueY = r.y + r.h * 0.68;
    this.text(r.x + r.w / 2, labelY, label, { sizePx: this.px(TYPE.metricLabel), align: 'center', color: COLORS.muted, maxWidth: r.w - this.px(8) });
    const valueSize = Math.min(this.px(TYPE.metricValue), r.h * 0.42);
    return this.text(r.x + r.w / 2, valueY, value, { sizePx: valueSize, weight: 'bold', align: 'center', color: valueColor, maxWidth: r.w - this.px(10) });
  }

  build(): Scene {
    return { view: this.view, width: this.layout.width, height: this.layout.height, ops: this.ops.slice(), regions: this.regions.slice() };
  }
}
