// Icon-ish shapes drawn from plain operations (circles, arcs, polygons, lines), so the renderer
// stays dumb: a warning triangle, a plug, a check mark, a lightning bolt, a lock, a spinner, a
// wrench. Each fits a square of side `size` centred on (cx, cy). Pure.
import type { Color } from '../../ports/display.port.js';
import type { SceneBuilder } from './scene-builder.js';
import { COLORS } from './theme.js';

export function warningIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const h = size * 0.87;
  b.add({ op: 'polygon', points: [cx, cy - h / 2, cx + size / 2, cy + h / 2, cx - size / 2, cy + h / 2], fill: color });
  const w = Math.max(2, size * 0.09);
  b.add({ op: 'rect', x: Math.round(cx - w / 2), y: Math.round(cy - h * 0.18), w: Math.round(w), h: Math.round(h * 0.38), fill: COLORS.background });
  b.add({ op: 'circle', cx, cy: cy + h * 0.33, r: w * 0.65, fill: COLORS.background });
}

export function boltIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const s = size / 2;
  b.add({
    op: 'polygon',
    points: [cx + s * 0.15, cy - s, cx - s * 0.55, cy + s * 0.1, cx - s * 0.05, cy + s * 0.1, cx - s * 0.2, cy + s, cx + s * 0.55, cy - s * 0.15, cx + s * 0.05, cy - s * 0.15],
    fill: color,
  });
}

export function plugIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const s = size / 2;
  const lw = Math.max(2, size * 0.08);
  b.add({ op: 'round-rect', x: cx - s * 0.5, y: cy - s * 0.45, w: s, h: s * 0.8, radius: s * 0.2, fill: color });
  b.add({ op: 'line', x1: cx - s * 0.25, y1: cy - s * 0.45, x2: cx - s * 0.25, y2: cy - s * 0.9, color, lineWidth: lw });
  b.add({ op: 'line', x1: cx + s * 0.25, y1: cy - s * 0.45, x2: cx + s * 0.25, y2: cy - s * 0.9, color, lineWidth: lw });
  b.add({ op: 'line', x1: cx, y1: cy + s * 0.35, x2: cx, y2: cy + s, color, lineWidth: lw * 1.4 });
}

export function checkIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const s = size / 2;
  b.add({ op: 'circle', cx, cy, r: s, fill: color });
  const lw = Math.max(3, size * 0.1);
  b.add({ op: 'line', x1: cx - s * 0.45, y1: cy + s * 0.02, x2: cx - s * 0.1, y2: cy + s * 0.38, color: COLORS.text, lineWidth: lw });
  b.add({ op: 'line', x1: cx - s * 0.1, y1: cy + s * 0.38, x2: cx + s * 0.5, y2: cy - s * 0.35, color: COLORS.text, lineWidth: lw });
}

export function lockIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const s = size / 2;
  b.add({ op: 'arc', cx, cy: cy - s * 0.2, r: s * 0.42, startDeg: 180, endDeg: 360, color, lineWidth: Math.max(2, size * 0.1) });
  b.add({ op: 'line', x1: cx - s * 0.42, y1: cy - s * 0.2, x2: cx - s * 0.42, y2: cy + s * 0.05, color, lineWidth: Math.max(2, size * 0.1) });
  b.add({ op: 'line', x1: cx + s * 0.42, y1: cy - s * 0.2, x2: cx + s * 0.42, y2: cy + s * 0.05, color, lineWidth: Math.max(2, size * 0.1) });
  b.add({ op: 'round-rect', x: cx - s * 0.7, y: cy, w: s * 1.4, h: s, radius: s * 0.15, fill: color });
}

/** A static "busy" ring: a faint circle with a bright quarter. */
export function spinnerIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const lw = Math.max(3, size * 0.1);
  b.add({ op: 'circle', cx, cy, r: size / 2 - lw / 2, stroke: COLORS.panelLine, lineWidth: lw });
  b.add({ op: 'arc', cx, cy, r: size / 2 - lw / 2, startDeg: -90, endDeg: 30, color, lineWidth: lw });
}

export function wrenchIcon(b: SceneBuilder, cx: number, cy: number, size: number, color: Color): void {
  const s = size / 2;
  b.add({ op: 'line', x1: cx - s * 0.6, y1: cy + s * 0.6, x2: cx + s * 0.2, y2: cy - s * 0.2, color, lineWidth: Math.max(4, size * 0.16) });
  b.add({ op: 'circle', cx: cx + s * 0.35, cy: cy - s * 0.35, r: s * 0.4, fill: color });
  b.add({ op: 'circle', cx: cx + s * 0.5, cy: cy - s * 0.5, r: s * 0.2, fill: COLORS.background });
}
