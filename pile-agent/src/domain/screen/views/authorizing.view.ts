// Authorizing: a busy ring and what is being checked (card, VIN button or password; the VIN and
// plate once the BMS sent them). No buttons: the decision takes at most the session's budget. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { inset, rows } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { spinnerIcon } from '../icons.js';
import type { AuthorizingViewState } from '../view-state.js';
import { connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

export function authorizingView(ctx: ViewContext, s: AuthorizingViewState): Scene {
  const t = ctx.texts;
  const { b, body } = withChrome(ctx, 'authorizing', `${connectorLabel(ctx, s.connectorId)} · ${t.authorizing.title}`);
  const l = ctx.layout;
  b.panel(body);
  const [iconBox, wait, method, detail] = rows(inset(body, l.pad), 4, b.px(6), [2.4, 1, 0.8, 0.8]);
  const size = Math.min(iconBox.w, iconBox.h) * 0.8;
  spinnerIcon(b, iconBox.x + iconBox.w / 2, iconBox.y + iconBox.h / 2, size, COLORS.accent);
  b.textIn(wait, t.authorizing.wait, { sizePx: b.px(TYPE.title), weight: 'bold' });
  b.textIn(method, t.method[s.method], { sizePx: b.px(TYPE.body), color: COLORS.muted });
  const parts = [s.plate ? `${t.charging.plate} ${s.plate}` : null, s.vin ? `VIN ${s.vin}` : null].filter((x): x is string => x !== null);
  if (parts.length > 0) b.textIn(detail, parts.join('   '), { sizePx: b.px(TYPE.body) });
  return b.build();
}
