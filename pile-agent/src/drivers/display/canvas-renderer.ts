// The renderer: draws a view's draw list with @napi-rs/canvas — the only file that imports the canvas
// library — and returns premultiplied RGBA frames. It keeps the previous scene and, when the view
// stays the same, redraws and reads back only the changed rectangle (scene-diff.ts). Chinese needs a
// CJK font: it is registered explicitly, and creating a renderer without one throws.
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { DrawOp, Frame, FrameRenderer, Rect, Scene } from '../../ports/display.port.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import { findCjkFonts, NO_CJK_FONT_HELP } from './cjk-font.js';
import { changedRects, intersects, sceneBounds, union, type TextWidth } from './scene-diff.js';

type CanvasLib = typeof import('@napi-rs/canvas');

/** The family name every text op is drawn with. */
export const FONT_FAMILY = 'PileCJK';

export interface CanvasRendererOptions {
  readonly width: number;
  readonly height: number;
  /** A font file with Chinese glyphs; default: fonts-wqy-microhei, else any CJK font found. */
  readonly fontPath?: string;
  /** Font files to try instead of the search (tests); an empty list means "no CJK font here". */
  readonly fontCandidates?: readonly string[];
  /** A dirty rectangle larger than this share of the screen is drawn as a full frame. */
  readonly fullFrameShare?: number;
}

/** Bound of the text-width cache (cleared when full). */
const MAX_CACHED_WIDTHS = 4096;

let registeredFont: string | null = null;

function registerFont(lib: CanvasLib, explicit?: string, list?: readonly string[]): string {
  if (registeredFont && !explicit && !list) return registeredFont;
  const candidates = list ?? findCjkFonts(explicit);
  for (const path of candidates) {
    if (lib.GlobalFonts.registerFromPath(path, FONT_FAMILY)) {
      registeredFont = path;
      return path;
    }
  }
  throw new AgentError(AgentErrorCode.DriverUnavailable, candidates.length ? `none of the fonts ${candidates.join(', ')} could be loaded; ${NO_CJK_FONT_HELP}` : NO_CJK_FONT_HELP);
}

const fonts = new Map<number, string>();

/** The CSS font of a text op; the strings are made once per size and weight (a frame allocates none). */
function fontOf(op: Extract<DrawOp, { op: 'text' }>): string {
  const key = op.sizePx * 2 + (op.weight === 'bold' ? 1 : 0);
  let f = fonts.get(key);
  if (f === undefined) {
    f = `${op.weight === 'bold' ? 'bold ' : ''}${op.sizePx}px ${FONT_FAMILY}`;
    fonts.set(key, f);
  }
  return f;
}

export class CanvasRenderer implements FrameRenderer {
  private readonly ctx: SKRSContext2D;
  private prev: Scene | null = null;
  /** The previous scene's op bounds (scene-diff.ts sceneBounds), so each op is measured once. */
  private prevBounds: readonly (Rect | null)[] = [];
  private rgba: Uint8Array;
  private seq = 0;
  private font = '';
  private readonly textWidth: TextWidth;
  /** Measured text widths by font, then text: the figures that tick on the charging screen repeat. */
  private readonly widths = new Map<string, Map<string, number>>();
  private cachedWidths = 0;

  private constructor(
    private readonly canvas: Canvas,
    readonly fontPath: string,
    private readonly fullFrameShare: number,
  ) {
    this.ctx = canvas.getContext('2d');
    this.rgba = new Uint8Array(canvas.width * canvas.height * 4);
    this.textWidth = (op) => {
      const font = fontOf(op);
      let byText = this.widths.get(font);
      if (byText === undefined) {
        byText = new Map();
        this.widths.set(font, byText);
      }
      let w = byText.get(op.text);
      if (w === undefined) {
        if (this.cachedWidths >= MAX_CACHED_WIDTHS) {
          for (const m of this.widths.values()) m.clear();
          this.cachedWidths = 0;
        }
        this.setFont(font);
        w = this.ctx.measureText(op.text).width;
        byText.set(op.text, w);
        this.cachedWidths++;
      }
      return op.maxWidth !== undefined ? Math.min(w, op.maxWidth) : w;
    };
  }

  /** Loads the canvas library (only now, so importing the agent's face stays light) and the CJK font. */
  static async create(opts: CanvasRendererOptions): Promise<CanvasRenderer> {
    if (!Number.isInteger(opts.width) || !Number.isInteger(opts.height) || opts.width < 1 || opts.height < 1) throw new RangeError(`bad screen size ${opts.width}×${opts.height}`);
    // The library's allocator (mimalloc) backs its memory with 2 MB transparent huge pages by
    // default; each fresh one is zeroed in the page fault, which stalled a 1 ms frame for 2–5 ms.
    // Small pages are asked for unless the environment says otherwise (read when the library loads).
    process.env.MIMALLOC_ALLOW_THP ??= '0';
    const lib = await import('@napi-rs/canvas');
    const fontPath = registerFont(lib, opts.fontPath, opts.fontCandidates);
    return new CanvasRenderer(lib.createCanvas(opts.width, opts.height), fontPath, opts.fullFrameShare ?? 0.6);
  }

  get width(): number {
    return this.canvas.width;
  }

  get height(): number {
    return this.canvas.height;
  }

  render(scene: Scene): Frame {
    const { width: w, height: h } = this.canvas;
    if (scene.width !== w || scene.height !== h) throw new AgentError(AgentErrorCode.CodecInvariant, `scene is ${scene.width}×${scene.height}, the renderer ${w}×${h}`);
    const prev = this.prev;
    const whole: Rect = { x: 0, y: 0, w, h };
    const bounds = sceneBounds(scene.ops, w, h, this.textWidth);
    let rects: Rect[] = prev === null || prev.view !== scene.view ? [whole] : changedRects({ ops: prev.ops, bounds: this.prevBounds }, { ops: scene.ops, bounds });
    this.prev = scene;
    this.prevBounds = bounds;
    if (rects.reduce((a, r) => a + r.w * r.h, 0) >= this.fullFrameShare * w * h) rects = [whole];
    const dirty = rects.reduce<Rect | null>((u, r) => union(u, r), null);
    if (dirty && dirty.w === w && dirty.h === h && rects.length === 1) {
      this.drawAll(scene.ops);
      const data = this.canvas.data();
      this.rgba = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } else if (dirty) {
      const ctx = this.ctx;
      // One pass per rectangle with a plain rectangular clip: Skia anti-aliases exactly as in a full
      // render then (a clip made of several rectangles changes edge pixels by a few levels). Only
      // the ops that reach the rectangle are drawn into it (in list order, so the stacking stays).
      for (const r of rects) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(r.x, r.y, r.w, r.h);
        ctx.clip();
        this.drawAll(scene.ops, bounds, r);
        ctx.restore();
        this.font = '';
        // All pixels are opaque (drawAll paints black first), so getImageData's straight RGBA equals premultiplied.
        copyRect(ctx.getImageData(r.x, r.y, r.w, r.h).data, r, this.rgba, w);
      }
    }
    const parts = rects.length > 1 ? { dirtyRects: rects } : {};
    return { seq: ++this.seq, view: scene.view, width: w, height: h, rgba: this.rgba, dirty, ...parts, regions: scene.regions };
  }

  /** PNG of the current canvas (the last rendered scene). */
  png(): Buffer {
    return this.canvas.encodeSync('png');
  }

  private setFont(font: string): void {
    if (this.font !== font) {
      this.ctx.font = font;
      this.font = font;
    }
  }

  /** Black, then the ops in order; with `bounds` and `only`, just the ops whose bounds reach `only`. */
  private drawAll(ops: readonly DrawOp[], bounds?: readonly (Rect | null)[], only?: Rect): void {
    const ctx = this.ctx;
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.textBaseline = 'middle';
    for (let i = 0; i < ops.length; i++) {
      const b = bounds?.[i];
      if (only && !(b && intersects(b, only))) continue;
      this.draw(ctx, ops[i]);
    }
  }

  private draw(ctx: SKRSContext2D, op: DrawOp): void {
    switch (op.op) {
      case 'rect':
        ctx.fillStyle = op.fill;
        ctx.fillRect(op.x, op.y, op.w, op.h);
        return;
      case 'round-rect':
        ctx.beginPath();
        ctx.roundRect(op.x, op.y, op.w, op.h, Math.min(op.radius, op.w / 2, op.h / 2));
        this.paint(ctx, op.fill, op.stroke, op.lineWidth);
        return;
      case 'text':
        this.setFont(fontOf(op));
        ctx.fillStyle = op.color;
        ctx.textAlign = op.align;
        if (op.maxWidth !== undefined) ctx.fillText(op.text, op.x, op.y, op.maxWidth);
        else ctx.fillText(op.text, op.x, op.y);
        return;
      case 'line':
        ctx.beginPath();
        ctx.moveTo(op.x1, op.y1);
        ctx.lineTo(op.x2, op.y2);
        ctx.lineCap = 'round';
        this.paint(ctx, undefined, op.color, op.lineWidth);
        return;
      case 'circle':
        ctx.beginPath();
        ctx.arc(op.cx, op.cy, op.r, 0, Math.PI * 2);
        this.paint(ctx, op.fill, op.stroke, op.lineWidth);
        return;
      case 'arc':
        ctx.beginPath();
        ctx.arc(op.cx, op.cy, op.r, (op.startDeg * Math.PI) / 180, (op.endDeg * Math.PI) / 180);
        ctx.lineCap = 'round';
        this.paint(ctx, undefined, op.color, op.lineWidth);
        return;
      case 'polygon':
        if (op.points.length < 6) return;
        ctx.beginPath();
        ctx.moveTo(op.points[0], op.points[1]);
        for (let i = 2; i + 1 < op.points.length; i += 2) ctx.lineTo(op.points[i], op.points[i + 1]);
        ctx.closePath();
        this.paint(ctx, op.fill, undefined, undefined);
        return;
    }
  }

  private paint(ctx: SKRSContext2D, fill: string | undefined, stroke: string | undefined, lineWidth: number | undefined): void {
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = lineWidth ?? 1;
      ctx.stroke();
    }
  }
}

/** Copies a `r.w`×`r.h` read-back into the frame at `r` (row by row; no per-row views, so no garbage). */
export function copyRect(src: Uint8ClampedArray, r: Rect, dst: Uint8Array, width: number): void {
  if (src.byteOffset % 4 === 0 && dst.byteOffset % 4 === 0) {
    const s32 = new Uint32Array(src.buffer, src.byteOffset, r.w * r.h);
    const d32 = new Uint32Array(dst.buffer, dst.byteOffset, dst.byteLength >> 2);
    for (let y = 0; y < r.h; y++) {
      let si = y * r.w;
      let di = (r.y + y) * width + r.x;
      for (const end = si + r.w; si < end; ) d32[di++] = s32[si++];
    }
    return;
  }
  for (let y = 0; y < r.h; y++) {
    let si = y * r.w * 4;
    let di = ((r.y + y) * width + r.x) * 4;
    for (const end = si + r.w * 4; si < end; ) dst[di++] = src[si++];
  }
}
