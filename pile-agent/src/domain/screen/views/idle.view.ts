// Idle screen of the selected connector: connector tabs (when the pile has several guns), the
// connector's state, and the start buttons — 刷卡充电 always, VIN充电 only with the profile's
// `vinCharge` (mode 4), 密码充电 only when the station has a fixed password (mode 1). Pure.
import type { Scene } from '../../../ports/display.port.js';
import { columns, inset, rows, split } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { plugIcon } from '../icons.js';
import type { ConnectorStatus, IdleViewState } from '../view-state.js';
import { connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

const STATUS_COLOR: Record<ConnectorStatus, `#${string}`> = {
  available: COLORS.primary,
  plugged: COLORS.accent,
  charging: COLORS.vin,
  finishing: COLORS.muted,
  faulted: COLORS.danger,
  unavailable: COLORS.disabledText,
};

/** A connector can start a session when nothing runs on it. */
export function canStart(status: ConnectorStatus): boolean {
  return status === 'available' || status === 'plugged';
}

export function idleView(ctx: ViewContext, s: IdleViewState): Scene {
  const t = ctx.texts;
  const { b, body } = withChrome(ctx, 'idle', t.idle.title);
  const l = ctx.layout;
  const selected = s.connectors.find((c) => c.id === s.selectedConnectorId) ?? s.connectors[0];
  let area = body;
  if (s.connectors.length > 1) {
    const tabH = b.px(54);
    const tabs = columns({ x: body.x, y: body.y, w: body.w, h: tabH }, s.connectors.length, b.px(10));
    s.connectors.forEach((c, i) => {
      const isSel = c.id === selected?.id;
      b.button(`connector-${c.id}`, tabs[i], `${connectorLabel(ctx, c.id)} · ${t.status[c.status]}`, isSel ? COLORS.keypad : COLORS.panel, { sizeUnits: TYPE.small });
      if (isSel) b.rect({ x: tabs[i].x + b.px(12), y: tabs[i].y + tabs[i].h - b.px(5), w: tabs[i].w - b.px(24), h: b.px(4) }, STATUS_COLOR[c.status]);
    });
    area = { x: body.x, y: body.y + tabH + l.pad, w: body.w, h: body.h - tabH - l.pad };
  }
  const [info, actions] = split(l, area, l.portrait ? [0.9, 1] : [1, 1.1]);
  b.panel(info);
  if (selected) {
    const inner = inset(info, l.pad);
    const [iconBox, name, state, hint] = rows(inner, 4, b.px(4), [2.2, 1.2, 1, 1]);
    const icon = Math.min(iconBox.h, iconBox.w) * 0.8;
    plugIcon(b, iconBox.x + iconBox.w / 2, iconBox.y + iconBox.h / 2, icon, STATUS_COLOR[selected.status]);
    b.textIn(name, connectorLabel(ctx, selected.id), { sizePx: b.px(TYPE.title), weight: 'bold' });
    b.textIn(state, t.status[selected.status], { sizePx: b.px(TYPE.body), weight: 'bold', color: STATUS_COLOR[selected.status] });
    b.textIn(hint, canStart(selected.status) ? t.idle.hintAvailable : t.idle.hintBusy, { sizePx: b.px(TYPE.small), color: COLORS.muted });
  }
  const enabled = selected !== undefined && canStart(selected.status);
  const buttons: Array<[string, string, `#${string}`]> = [['card-charge', t.idle.cardCharge, COLORS.primary]];
  if (s.vinCharge) buttons.push(['vin-charge', t.idle.vinCharge, COLORS.vin]);
  if (s.fixedPassword) buttons.push(['password-charge', t.idle.passwordCharge, COLORS.password]);
  const slots = rows(actions, 3, l.pad);
  const top = actions.y + (actions.h - (slots[buttons.length - 1].y + slots[buttons.length - 1].h - actions.y)) / 2;
  buttons.forEach(([name, label, color], i) => {
    const r = slots[i];
    b.button(name, { ...r, y: Math.round(top + (r.y - actions.y)) }, label, color, { enabled });
  });
  return b.build();
}
