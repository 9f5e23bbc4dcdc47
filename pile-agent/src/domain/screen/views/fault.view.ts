// Fault: the pile or one connector is out of service; the active faults from the fault catalog in
// the language's words (unknown codes as they are), at most five lines. No buttons. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { faultText } from '../i18n/index.js';
import { inset, rows, split } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { warningIcon } from '../icons.js';
import type { FaultViewState } from '../view-state.js';
import { connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

const MAX_LINES = 5;

export function faultView(ctx: ViewContext, s: FaultViewState): Scene {
  const t = ctx.texts;
  const where = s.connectorId === null ? t.fault.pile : connectorLabel(ctx, s.connectorId);
  const { b, body } = withChrome(ctx, 'fault', `${where} · ${t.fault.title}`);
  const l = ctx.layout;
  b.panel(body);
  const [iconBox, textBox] = split(l, inset(body, l.pad), l.portrait ? [0.8, 1.4] : [0.6, 2]);
  warningIcon(b, iconBox.x + iconBox.w / 2, iconBox.y + iconBox.h / 2, Math.min(iconBox.w, iconBox.h) * 0.7, COLORS.warning);
  const [title, list, hint] = rows(textBox, 3, b.px(6), [1.1, 2.4, 0.8]);
  b.text(title.x, title.y + title.h / 2, t.fault.title, { sizePx: b.px(TYPE.title), weight: 'bold', color: COLORS.warning, maxWidth: title.w });
  const shown = s.faults.slice(0, MAX_LINES);
  const lineH = Math.min(list.h / Math.max(1, shown.length), b.px(34));
  shown.forEach((code, i) => {
    b.text(list.x, list.y + lineH * (i + 0.5), `• ${faultText(t, code)}`, { sizePx: b.px(TYPE.body), maxWidth: list.w });
  });
  b.text(hint.x, hint.y + hint.h / 2, t.fault.hint, { sizePx: b.px(TYPE.small), color: COLORS.muted, maxWidth: hint.w });
  return b.build();
}
