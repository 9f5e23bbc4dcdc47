// Maintenance: the pile is being serviced (set from the console or the cloud); an optional message
// and expected end. No buttons. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { fill } from '../i18n/index.js';
import { inset, rows } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { wrenchIcon } from '../icons.js';
import type { MaintenanceViewState } from '../view-state.js';
import { withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

export function maintenanceView(ctx: ViewContext, s: MaintenanceViewState): Scene {
  const t = ctx.texts.maintenance;
  const { b, body } = withChrome(ctx, 'maintenance', t.title);
  const l = ctx.layout;
  b.panel(body);
  const [iconBox, title, message, until] = rows(inset(body, l.pad), 4, b.px(6), [2.2, 1.1, 0.9, 0.8]);
  wrenchIcon(b, iconBox.x + iconBox.w / 2, iconBox.y + iconBox.h / 2, Math.min(iconBox.w, iconBox.h) * 0.8, COLORS.accent);
  b.textIn(title, t.title, { sizePx: b.px(TYPE.title), weight: 'bold' });
  b.textIn(message, s.message ?? t.hint, { sizePx: b.px(TYPE.body), color: COLORS.muted });
  if (s.until) b.textIn(until, fill(t.until, { t: s.until }), { sizePx: b.px(TYPE.body) });
  return b.build();
}
