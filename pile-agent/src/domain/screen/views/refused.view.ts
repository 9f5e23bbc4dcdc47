// A refusal: the reason as the driver knows it (车辆未登记, VIN读取失败, 非本站授权, 余额不足, 卡无效 …)
// from the decision's reason code, what to do, and the VIN or card concerned; one button, `back`.
// Codes without their own text show the generic text with the code. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { refusalText } from '../i18n/index.js';
import { inset, rows, split } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { warningIcon } from '../icons.js';
import type { RefusedViewState } from '../view-state.js';
import { actionRect, connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

export function refusedView(ctx: ViewContext, s: RefusedViewState): Scene {
  const t = ctx.texts;
  const reason = refusalText(t, s.reason);
  const { b, body } = withChrome(ctx, 'refused', `${connectorLabel(ctx, s.connectorId)} · ${t.refused.title}`);
  const l = ctx.layout;
  const [main, actions] = rows(body, 2, l.pad, [3.2, 0.9]);
  b.panel(main);
  const [iconBox, textBox] = split(l, inset(main, l.pad), l.portrait ? [1, 1.3] : [0.6, 2]);
  const size = Math.min(iconBox.w, iconBox.h) * 0.75;
  warningIcon(b, iconBox.x + iconBox.w / 2, iconBox.y + iconBox.h / 2, size, COLORS.danger);
  const [title, hint, detail] = rows(textBox, 3, b.px(6), [1.4, 1, 0.9]);
  const align = l.portrait ? 'center' : 'left';
  const x = l.portrait ? title.x + title.w / 2 : title.x;
  b.text(x, title.y + title.h / 2, reason.title, { sizePx: Math.min(b.px(TYPE.hero * 0.75), title.h * 0.8), weight: 'bold', color: COLORS.danger, align, maxWidth: title.w });
  b.text(x, hint.y + hint.h / 2, reason.hint, { sizePx: b.px(TYPE.body), align, maxWidth: hint.w });
  const lines = [s.vin ? `${t.refused.vin} ${s.vin}` : null, s.cardNo ? `${t.refused.card} ${s.cardNo}` : null].filter((v): v is string => v !== null);
  if (lines.length > 0) b.text(x, detail.y + detail.h / 2, lines.join('   '), { sizePx: b.px(TYPE.small), color: COLORS.muted, align, maxWidth: detail.w });
  b.button('back', actionRect(ctx, actions), t.refused.back, COLORS.panel);
  return b.build();
}
