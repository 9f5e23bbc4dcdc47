// Which part of the screen a new scene changes: compares the draw lists op by op and unites the
// bounds of every op that differs (old and new position). The renderer redraws only that rectangle.
// Pure; text extents come from the caller's measuring function.
import type { DrawOp, Rect } from '../../ports/display.port.js';

export type TextWidth = (op: Extract<DrawOp, { op: 'text' }>) => number;

/** The op's pixel bounds, rounded outward, with a margin for anti-aliasing. */
export function opBounds(op: DrawOp, textWidth: TextWidth): Rect {
  const m = 2;
  switch (op.op) {
    case 'rect':
      return box(op.x - m, op.y - m, op.x + op.w + m, op.y + op.h + m);
    case 'round-rect': {
      const lw = (op.stroke ? (op.lineWidth ?? 1) : 0) / 2 + m;
      return box(op.x - lw, op.y - lw, op.x + op.w + lw, op.y + op.h + lw);
    }
    case 'text': {
      const w = textWidth(op);
      const left = op.align === 'left' ? op.x : op.align === 'center' ? op.x - w / 2 : op.x - w;
      const half = op.sizePx * 0.75;
      return box(left - m - op.sizePx * 0.1, op.y - half - m, left + w + m + op.sizePx * 0.1, op.y + half + m);
    }
    case 'line': {
      const lw = op.lineWidth / 2 + m;
      return box(Math.min(op.x1, op.x2) - lw, Math.min(op.y1, op.y2) - lw, Math.max(op.x1, op.x2) + lw, Math.max(op.y1, op.y2) + lw);
    }
    case 'circle':
    case 'arc': {
      const lw = (op.op === 'arc' ? op.lineWidth : op.stroke ? (op.lineWidth ?? 1) : 0) / 2 + m;
      return box(op.cx - op.r - lw, op.cy - op.r - lw, op.cx + op.r + lw, op.cy + op.r + lw);
    }
    case 'polygon': {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = 0; i + 1 < op.points.length; i += 2) {
        x0 = Math.min(x0, op.points[i]);
        x1 = Math.max(x1, op.points[i]);
        y0 = Math.min(y0, op.points[i + 1]);
        y1 = Math.max(y1, op.points[i + 1]);
      }
      return box(x0 - m, y0 - m, x1 + m, y1 + m);
    }
  }
}

function box(x0: number, y0: number, x1: number, y1: number): Rect {
  const x = Math.floor(x0);
  const y = Math.floor(y0);
  return { x, y, w: Math.ceil(x1) - x, h: Math.ceil(y1) - y };
}

export function sameOp(a: DrawOp, b: DrawOp): boolean {
  if (a.op !== b.op) return false;
  // for…in rather than Object.keys: this runs for every op of every frame and must not allocate.
  let na = 0;
  for (const k in a) {
    na++;
    const va = a[k as keyof DrawOp] as unknown;
    const vb = b[k as keyof DrawOp] as unknown;
    if (va === vb) continue;
    if (Array.isArray(va) && Array.isArray(vb) && va.length === vb.length && va.every((v, i) => v === vb[i])) continue;
    return false;
  }
  let nb = 0;
  for (const _k in b) nb++;
  return na === nb;
}

export function union(a: Rect | null, b: Rect): Rect {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export function clipRect(r: Rect, w: number, h: number): Rect | null {
  const x0 = Math.max(0, r.x);
  const y0 = Math.max(0, r.y);
  const x1 = Math.min(w, r.x + r.w);
  const y1 = Math.min(h, r.y + r.h);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

const area = (r: Rect) => r.w * r.h;

/**
 * Merges rectangles that overlap or lie so close that one rectangle costs little more than two
 * (union area ≤ 1.25 × their sum + 4096 px); the result's rectangles are apart.
 */
export function mergeRects(rects: readonly Rect[]): Rect[] {
  const out = rects.slice();
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++)
      for (let j = i + 1; j < out.length && !merged; j++) {
        const u = union(out[i], out[j]);
        if (area(u) <= 1.25 * (area(out[i]) + area(out[j])) + 4096) {
          out[i] = u;
          out.splice(j, 1);
          merged = true;
        }
      }
  }
  return out;
}

/** Whether two rectangles share a pixel. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function containsRect(outer: Rect, inner: Rect): boolean {
  return outer.x <= inner.x && outer.y <= inner.y && outer.x + outer.w >= inner.x + inner.w && outer.y + outer.h >= inner.y + inner.h;
}

/** Each op's bounds clipped to the `w`×`h` screen (null when off-screen), computed once per scene. */
export function sceneBounds(ops: readonly DrawOp[], w: number, h: number, textWidth: TextWidth): (Rect | null)[] {
  const out = new Array<Rect | null>(ops.length);
  for (let i = 0; i < ops.length; i++) out[i] = clipRect(opBounds(ops[i], textWidth), w, h);
  return out;
}

/**
 * Grows each rectangle until no anti-aliased op (anything but a plain `rect`) has an edge inside it:
 * Skia rasterises a shape cut by a clip slightly differently from the whole shape, so a clipped
 * redraw is pixel-exact only when every shape it touches is wholly inside or wholly around it.
 * `bounds` are the ops' clipped bounds (sceneBounds).
 */
export function growToWholeOps(rects: readonly Rect[], ops: readonly DrawOp[], bounds: readonly (Rect | null)[]): Rect[] {
  let out = rects.slice();
  for (let changed = true; changed; ) {
    changed = false;
    out = out.map((r) => {
      let g = r;
      for (let i = 0; i < ops.length; i++) {
        const b = bounds[i];
        if (ops[i].op !== 'rect' && b && intersects(b, g) && !containsRect(b, g) && !containsRect(g, b)) g = union(g, b);
      }
      if (g !== r) changed = true;
      return g;
    });
    out = mergeRects(out);
  }
  return out;
}

/** Two scenes' draw lists with their clipped bounds (sceneBounds). */
export interface BoundedOps {
  readonly ops: readonly DrawOp[];
  readonly bounds: readonly (Rect | null)[];
}

/** The rectangles that differ between two draw lists (merged, clipped), empty when none does. */
export function changedRects(prev: BoundedOps, next: BoundedOps): Rect[] {
  const rects: Rect[] = [];
  const n = Math.max(prev.ops.length, next.ops.length);
  for (let i = 0; i < n; i++) {
    const a = prev.ops[i];
    const b = next.ops[i];
    if (a && b && sameOp(a, b)) continue;
    const ra = a ? prev.bounds[i] : null;
    const rb = b ? next.bounds[i] : null;
    if (ra) rects.push(ra);
    if (rb) rects.push(rb);
  }
  return rects.length ? growToWholeOps(mergeRects(rects), next.ops, next.bounds) : rects;
}
