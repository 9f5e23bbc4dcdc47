// The finished session's receipt: energy (kWh, 2 decimals), duration, cost (¥), plate, the VIN's
// last 6 and why it ended; one button, `done`. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { formatDuration, formatFen, formatKwh, vinTail } from '../format.js';
import { columns, inset, rows } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { checkIcon } from '../icons.js';
import type { ReceiptViewState } from '../view-state.js';
import { actionRect, connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

export function receiptView(ctx: ViewContext, s: ReceiptViewState): Scene {
  const t = ctx.texts;
  const r = t.receipt;
  const { b, body } = withChrome(ctx, 'receipt', `${connectorLabel(ctx, s.connectorId)} · ${r.title}`);
  const l = ctx.layout;
  const [head, grid, actions] = rows(body, 3, l.pad, [1, l.portrait ? 3.2 : 2.4, 0.9]);
  const iconSize = head.h * 0.8;
  const titleSize = b.px(TYPE.title);
  checkIcon(b, head.x + iconSize / 2, head.y + head.h / 2, iconSize, COLORS.primary);
  b.text(head.x + iconSize + b.px(14), head.y + head.h / 2, r.title, { sizePx: titleSize, weight: 'bold', maxWidth: head.w - iconSize - b.px(14) });
  const items: Array<[string, string]> = [
    [r.energy, `${formatKwh(s.energyWh)} kWh`],
    [r.duration, formatDuration(s.durationS)],
    [r.cost, s.costFen === null ? t.charging.unknown : formatFen(s.costFen)],
    [r.plate, s.plate ?? t.charging.unknown],
    [r.vinTail, vinTail(s.vin)],
    [r.stopReason, t.stopReasons[s.stopReason] ?? s.stopReason],
  ];
  const perRow = l.portrait ? 2 : 3;
  const gridRows = rows(grid, items.length / perRow, b.px(10));
  gridRows.forEach((row, ri) => {
    columns(row, perRow, b.px(10)).forEach((cell, ci) => {
      const [label, value] = items[ri * perRow + ci];
      b.tile(inset(cell, 0), label, value, ri === 0 && ci === 0 ? COLORS.primary : COLORS.text);
    });
  });
  b.button('done', actionRect(ctx, actions), r.done, COLORS.primary);
  return b.build();
}
