// Charging: energy so far as the hero figure with the SoC bar, then tiles for power, voltage,
// current, elapsed time, cost so far and SoC, plate and the VIN's last 6, and the `stop` button
// (which leads to the stop keypad or asks for the card, as the session decides). Pure.
import type { Scene } from '../../../ports/display.port.js';
import { formatAmps, formatDuration, formatFen, formatKw, formatKwh, formatVolts, vinTail } from '../format.js';
import { columns, inset, rows, split } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { boltIcon } from '../icons.js';
import type { ChargingViewState } from '../view-state.js';
import { connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';

export function chargingView(ctx: ViewContext, s: ChargingViewState): Scene {
  const t = ctx.texts;
  const c = t.charging;
  const { b, body } = withChrome(ctx, 'charging', `${connectorLabel(ctx, s.connectorId)} · ${c.title}`);
  const l = ctx.layout;
  const [hero, side] = split(l, body, l.portrait ? [0.8, 1] : [1, 1.25]);
  b.panel(hero);
  const [label, value, unit, bar, ids] = rows(inset(hero, l.pad), 5, b.px(4), [0.8, 1.6, 0.7, 0.6, 1.1]);
  const iconSize = label.h * 0.9;
  boltIcon(b, label.x + iconSize / 2, label.y + label.h / 2, iconSize, COLORS.warning);
  b.text(label.x + iconSize + b.px(6), label.y + label.h / 2, c.energy, { sizePx: b.px(TYPE.body), color: COLORS.muted });
  b.textIn(value, formatKwh(s.energyWh), { sizePx: Math.min(b.px(TYPE.hero), value.h * 0.95), weight: 'bold' });
  b.textIn(unit, 'kWh', { sizePx: b.px(TYPE.body), color: COLORS.muted });
  const barH = Math.max(6, Math.round(bar.h * 0.5));
  const barY = Math.round(bar.y + (bar.h - barH) / 2);
  b.add({ op: 'round-rect', x: bar.x, y: barY, w: bar.w, h: barH, radius: barH / 2, fill: COLORS.disabled });
  if (s.socPct !== null) {
    const pct = Math.max(0, Math.min(100, s.socPct));
    if (pct > 0) b.add({ op: 'round-rect', x: bar.x, y: barY, w: Math.max(barH, Math.round((bar.w * pct) / 100)), h: barH, radius: barH / 2, fill: COLORS.primary });
  }
  const [plateBox, vinBox] = rows(ids, 2, b.px(2));
  b.text(plateBox.x, plateBox.y + plateBox.h / 2, c.plate, { sizePx: b.px(TYPE.small), color: COLORS.muted });
  b.text(plateBox.x + plateBox.w, plateBox.y + plateBox.h / 2, s.plate ?? c.unknown, { sizePx: b.px(TYPE.body), weight: 'bold', align: 'right' });
  b.text(vinBox.x, vinBox.y + vinBox.h / 2, c.vinTail, { sizePx: b.px(TYPE.small), color: COLORS.muted });
  b.text(vinBox.x + vinBox.w, vinBox.y + vinBox.h / 2, vinTail(s.vin), { sizePx: b.px(TYPE.body), weight: 'bold', align: 'right' });

  const [tiles, stopRow] = rows(side, 2, l.pad, [3, 0.95]);
  const tileRows = rows(tiles, 3, b.px(10));
  const values: Array<[string, string]> = [
    [c.power, `${formatKw(s.powerW)} kW`],
    [c.voltage, `${formatVolts(s.voltageMv)} V`],
    [c.current, `${formatAmps(s.currentMa)} A`],
    [c.soc, s.socPct === null ? c.unknown : `${Math.round(s.socPct)}%`],
    [c.elapsed, formatDuration(s.elapsedS)],
    [c.cost, s.costFen === null ? c.unknown : formatFen(s.costFen)],
  ];
  tileRows.forEach((r, i) => {
    const [a, z] = columns(r, 2, b.px(10));
    b.tile(a, values[i * 2][0], values[i * 2][1]);
    b.tile(z, values[i * 2 + 1][0], values[i * 2 + 1][1], i === 2 ? COLORS.warning : COLORS.text);
  });
  b.button('stop', stopRow, c.stop, COLORS.danger);
  return b.build();
}
