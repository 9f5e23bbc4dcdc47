// The password keypad: stop password while charging (mode 4's department password or the fixed
// password) or the station's fixed password at start (密码充电). Digits are shown masked; tries left
// and the lockout countdown come from the session (keypad-lockout.ts). Keys: `key-0`…`key-9`,
// `key-del`, `key-ok`, and `cancel`; while locked only `cancel` is live. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { fill } from '../i18n/index.js';
import { formatCountdown } from '../format.js';
import { columns, inset, rows, split } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { lockIcon } from '../icons.js';
import type { KeypadViewState } from '../view-state.js';
import { connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

const KEYS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['del', '0', 'ok'],
] as const;

export function keypadView(ctx: ViewContext, s: KeypadViewState): Scene {
  const t = ctx.texts.keypad;
  const title = s.purpose === 'stop' ? t.titleStop : t.titleStart;
  const { b, body } = withChrome(ctx, 'keypad', `${connectorLabel(ctx, s.connectorId)} · ${title}`);
  const l = ctx.layout;
  const locked = s.lockedForS !== null && s.lockedForS > 0;
  const [info, pad] = split(l, body, l.portrait ? [0.75, 1] : [1, 1.1]);
  const [panel, cancelRow] = rows(info, 2, l.pad, [3, 0.9]);
  b.panel(panel);
  const [titleBox, digitsBox, statusBox] = rows(inset(panel, l.pad), 3, b.px(6), [1, 1.3, 1.2]);
  b.textIn(titleBox, title, { sizePx: b.px(TYPE.body), weight: 'bold' });
  const n = Math.max(1, Math.min(12, s.maxDigits));
  const cellGap = b.px(8);
  const cell = Math.min(digitsBox.h, (digitsBox.w - cellGap * (n - 1)) / n);
  const x0 = digitsBox.x + (digitsBox.w - (cell * n + cellGap * (n - 1))) / 2;
  for (let i = 0; i < n; i++) {
    const x = x0 + i * (cell + cellGap);
    b.add({
      op: 'round-rect',
      x,
      y: digitsBox.y + (digitsBox.h - cell) / 2,
      w: cell,
      h: cell,
      radius: cell * 0.15,
      stroke: COLORS.panelLine,
      lineWidth: Math.max(1, b.px(2)),
      fill: COLORS.background,
    });
    if (i < s.digitCount) b.add({ op: 'circle', cx: x + cell / 2, cy: digitsBox.y + digitsBox.h / 2, r: cell * 0.18, fill: COLORS.text });
  }
  if (locked) {
    const [iconBox, msg] = columns(statusBox, 2, b.px(6), [0.25, 1]);
    lockIcon(b, iconBox.x + iconBox.w / 2, iconBox.y + iconBox.h / 2, Math.min(iconBox.w, iconBox.h) * 0.7, COLORS.danger);
    b.textIn(msg, fill(t.locked, { t: formatCountdown(s.lockedForS ?? 0) }), { sizePx: b.px(TYPE.small), weight: 'bold', color: COLORS.danger });
  } else if (s.triesLeft !== null) {
    b.textIn(statusBox, fill(t.triesLeft, { n: s.triesLeft }), { sizePx: b.px(TYPE.body), color: s.triesLeft <= 1 ? COLORS.warning : COLORS.muted });
  }
  b.button('cancel', cancelRow, t.cancel, COLORS.panel);
  const keyRows = rows(pad, 4, b.px(10));
  KEYS.forEach((row, ri) => {
    const cells = columns(keyRows[ri], 3, b.px(10));
    row.forEach((k, ci) => {
      const label = k === 'del' ? t.del : k === 'ok' ? t.ok : k;
      const color = k === 'ok' ? COLORS.primary : k === 'del' ? COLORS.panel : COLORS.keypad;
      const enabled = !locked && !(k === 'ok' && s.digitCount === 0) && !(k === 'del' && s.digitCount === 0) && !(/^\d$/.test(k) && s.digitCount >= n);
      b.button(`key-${k}`, cells[ci], label, color, { enabled, sizeUnits: /^\d$/.test(k) ? TYPE.key : TYPE.body });
    });
  });
  return b.build();
}
