// Getting ready: the four steps (plug in, read VIN, authorize, charge) with the current one lit,
// and what the driver must do now — tap the card, plug in, or wait while the VIN is read over
// GB/T 27930. One button: `cancel`. Pure.
import type { Scene } from '../../../ports/display.port.js';
import { inset, rows } from '../layout.js';
import { COLORS, TYPE } from '../theme.js';
import { plugIcon, spinnerIcon } from '../icons.js';
import type { ConnectingViewState } from '../view-state.js';
import { actionRect, connectorLabel, withChrome } from './chrome.js';
import type { ViewContext } from './view-context.js';
import type { SceneBuilder } from '../scene-builder.js';
import type { Rect } from '../../../ports/display.port.js';

const STEP_INDEX: Record<ConnectingViewState['step'], number> = { 'plug-in': 0, 'reading-vin': 1, 'tap-card': 2 };

/** Four numbered dots joined by a line; steps before `current` are done, `current` is lit. */
export function stepBar(b: SceneBuilder, r: Rect, labels: readonly string[], current: number): void {
  const n = labels.length;
  const stepW = r.w / n;
  const dotR = Math.min(b.px(16), r.h * 0.25);
  const cy = r.y + r.h * 0.35;
  b.add({ op: 'line', x1: r.x + stepW / 2, y1: cy, x2: r.x + r.w - stepW / 2, y2: cy, color: COLORS.panelLine, lineWidth: Math.max(2, b.px(4)) });
  labels.forEach((label, i) => {
    const cx = r.x + stepW * (i + 0.5);
    const color = i < current ? COLORS.primary : i === current ? COLORS.accent : COLORS.disabled;
    b.add({ op: 'circle', cx, cy, r: dotR, fill: color });
    b.text(cx, cy, String(i + 1), { sizePx: dotR * 1.1, weight: 'bold', align: 'center', color: COLORS.background });
    b.text(cx, cy + dotR + b.px(16), label, { sizePx: b.px(TYPE.small), align: 'center', color: i === current ? COLORS.text : COLORS.muted, maxWidth: stepW - b.px(4) });
  });
}

export function connectingView(ctx: ViewContext, s: ConnectingViewState): Scene {
  const t = ctx.texts;
  const { b, body } = withChrome(ctx, 'connecting', `${connectorLabel(ctx, s.connectorId)} · ${t.method[s.method]}`);
  const l = ctx.layout;
  const [steps, main, actions] = rows(body, 3, l.pad, [1, 2.6, 0.9]);
  stepBar(b, steps, t.connecting.steps, STEP_INDEX[s.step]);
  b.panel(main);
  const [iconBox, msg] = rows(inset(main, l.pad), 2, b.px(6), [1.6, 1]);
  const size = Math.min(iconBox.w, iconBox.h) * 0.8;
  const cx = iconBox.x + iconBox.w / 2;
  const cy = iconBox.y + iconBox.h / 2;
  if (s.step === 'plug-in') plugIcon(b, cx, cy, size, COLORS.accent);
  else if (s.step === 'reading-vin') spinnerIcon(b, cx, cy, size, COLORS.accent);
  else {
    b.add({ op: 'round-rect', x: cx - size * 0.6, y: cy - size * 0.38, w: size * 1.2, h: size * 0.76, radius: size * 0.08, fill: COLORS.accent });
    b.rect({ x: Math.round(cx - size * 0.6), y: Math.round(cy - size * 0.2), w: Math.round(size * 1.2), h: Math.round(size * 0.14) }, COLORS.panel);
  }
  const message = s.step === 'plug-in' ? t.connecting.plugIn : s.step === 'reading-vin' ? t.connecting.readingVin : t.connecting.tapCard;
  b.textIn(msg, message, { sizePx: b.px(TYPE.title), weight: 'bold' });
  b.button('cancel', actionRect(ctx, actions, 220), t.connecting.cancel, COLORS.panel);
  return b.build();
}
