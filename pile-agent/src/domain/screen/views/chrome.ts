// The frame around every view: background, header (view title left; offline badge, clock and the
// language button right) and footer (station title, its English form on the English screen). The language button is the hit region `lang`.
import type { Rect } from '../../../ports/display.port.js';
import { fill } from '../i18n/index.js';
import { SceneBuilder } from '../scene-builder.js';
import { COLORS, TYPE } from '../theme.js';
import type { ViewContext } from './view-context.js';

/** Starts a scene with the chrome drawn; returns the builder and the body rectangle. */
export function withChrome(ctx: ViewContext, view: string, title: string): { b: SceneBuilder; body: Rect } {
  const l = ctx.layout;
  const b = new SceneBuilder(view, l);
  b.rect({ x: 0, y: 0, w: l.width, h: l.height }, COLORS.background);
  b.rect(l.header, COLORS.header);
  const midY = l.header.y + l.header.h / 2;
  let right = l.width - l.pad;
  const langW = b.px(64);
  const langH = l.header.h - b.px(14);
  b.button('lang', { x: right - langW, y: Math.round(midY - langH / 2), w: langW, h: langH }, ctx.texts.langToggle, COLORS.panel, { sizeUnits: TYPE.badge });
  right -= langW + b.px(12);
  if (ctx.common.clock) {
    b.text(right, midY, ctx.common.clock, { sizePx: b.px(TYPE.headerTitle), align: 'right', color: COLORS.muted });
    right -= b.px(72);
  }
  if (!ctx.common.online) {
    const w = b.px(72);
    const h = b.px(30);
    const badge = { x: right - w, y: Math.round(midY - h / 2), w, h };
    b.add({ op: 'round-rect', x: badge.x, y: badge.y, w, h, radius: h / 2, fill: COLORS.warning });
    b.textIn(badge, ctx.texts.offline, { sizePx: b.px(TYPE.badge), weight: 'bold', color: COLORS.background });
    right -= w + b.px(12);
  }
  b.text(l.pad, midY, title, { sizePx: b.px(TYPE.headerTitle), weight: 'bold', maxWidth: right - 2 * l.pad });
  const fy = l.footer.y + l.footer.h / 2;
  const station = ctx.lang === 'en' ? (ctx.common.titleEn ?? ctx.common.title) : ctx.common.title;
  b.text(l.pad, fy, station, { sizePx: b.px(TYPE.small) * 0.9, color: COLORS.muted, maxWidth: l.width / 2 - l.pad });
  return { b, body: l.body };
}

/** "1号枪" / "Gun 1". */
export function connectorLabel(ctx: ViewContext, id: number): string {
  return fill(ctx.texts.connector, { n: id });
}

/** The bottom-right action button of a row: at most 240 × 80 units, never taller than the row. */
export function actionRect(ctx: ViewContext, row: Rect, widthUnits = 240): Rect {
  const w = Math.min(row.w, Math.round(widthUnits * ctx.layout.u));
  const h = Math.min(row.h, Math.round(80 * ctx.layout.u));
  return { x: row.x + row.w - w, y: row.y + row.h - h, w, h };
}
