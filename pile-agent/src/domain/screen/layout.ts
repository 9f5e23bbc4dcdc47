// The screen's layout grid for any logical size: header, body and footer bands, a scale unit `u`
// (1 at 800×480, 1.25 at 1024×600) and whether the screen is portrait. Views place everything
// through these helpers so one view serves 800×480, 1024×600 and rotated panels. Pure.
import type { Rect } from '../../ports/display.port.js';

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly portrait: boolean;
  /** Scale unit: the shorter side / 480. */
  readonly u: number;
  /** Outer margin and gap between blocks, in pixels. */
  readonly pad: number;
  readonly header: Rect;
  readonly body: Rect;
  readonly footer: Rect;
}

export function makeLayout(width: number, height: number): Layout {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 240 || width > 4096 || height > 4096)
    throw new RangeError(`screen size ${width}×${height} is outside 320×240 … 4096×4096`);
  const u = Math.min(width, height) / 480;
  const pad = Math.round(16 * u);
  const headerH = Math.round(52 * u);
  const footerH = Math.round(30 * u);
  return {
    width,
    height,
    portrait: height > width,
    u,
    pad,
    header: { x: 0, y: 0, w: width, h: headerH },
    body: { x: pad, y: headerH + pad, w: width - 2 * pad, h: height - headerH - footerH - 2 * pad },
    footer: { x: 0, y: height - footerH, w: width, h: footerH },
  };
}

/** Rounds a rectangle to whole pixels (hit regions and fills stay crisp). */
export function snap(r: Rect): Rect {
  const x = Math.round(r.x);
  const y = Math.round(r.y);
  return { x, y, w: Math.round(r.x + r.w) - x, h: Math.round(r.y + r.h) - y };
}

/** Splits `r` into `n` columns with `gap` between them. */
export function columns(r: Rect, n: number, gap: number, weights?: readonly number[]): Rect[] {
  const ws = weights ?? Array.from({ length: n }, () => 1);
  const total = ws.reduce((a, b) => a + b, 0);
  const free = r.w - gap * (n - 1);
  const out: Rect[] = [];
  let x = r.x;
  for (let i = 0; i < n; i++) {
    const w = (free * ws[i]) / total;
    out.push(snap({ x, y: r.y, w, h: r.h }));
    x += w + gap;
  }
  return out;
}

/** Splits `r` into `n` rows with `gap` between them. */
export function rows(r: Rect, n: number, gap: number, weights?: readonly number[]): Rect[] {
  const ws = weights ?? Array.from({ length: n }, () => 1);
  const total = ws.reduce((a, b) => a + b, 0);
  const free = r.h - gap * (n - 1);
  const out: Rect[] = [];
  let y = r.y;
  for (let i = 0; i < n; i++) {
    const h = (free * ws[i]) / total;
    out.push(snap({ x: r.x, y, w: r.w, h }));
    y += h + gap;
  }
  return out;
}

/** The main split of a body: side by side when landscape, stacked when portrait. */
export function split(l: Layout, r: Rect, weights: readonly [number, number]): [Rect, Rect] {
  const [a, b] = l.portrait ? rows(r, 2, l.pad, weights) : columns(r, 2, l.pad, weights);
  return [a, b];
}

export function inset(r: Rect, d: number): Rect {
  return { x: r.x + d, y: r.y + d, w: Math.max(0, r.w - 2 * d), h: Math.max(0, r.h - 2 * d) };
}

export function centre(r: Rect): { x: number; y: number } {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}
