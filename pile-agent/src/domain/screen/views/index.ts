// The view table: view name → pure view function, and `buildScene`, which picks the language and
// the layout for the screen size and draws the state. The only entry the controller and CLI use.
import type { Scene } from '../../../ports/display.port.js';
import { DEFAULT_LANG, textsFor } from '../i18n/index.js';
import { makeLayout } from '../layout.js';
import type { Lang, ScreenState, ViewState } from '../view-state.js';
import { authorizingView } from './authorizing.view.js';
import { chargingView } from './charging.view.js';
import { connectingView } from './connecting.view.js';
import { faultView } from './fault.view.js';
import { idleView } from './idle.view.js';
import { keypadView } from './keypad.view.js';
import { maintenanceView } from './maintenance.view.js';
import { receiptView } from './receipt.view.js';
import { refusedView } from './refused.view.js';
import type { ViewContext } from './view-context.js';

function draw(ctx: ViewContext, v: ViewState): Scene {
  switch (v.view) {
    case 'idle':
      return idleView(ctx, v);
    case 'connecting':
      return connectingView(ctx, v);
    case 'authorizing':
      return authorizingView(ctx, v);
    case 'charging':
      return chargingView(ctx, v);
    case 'keypad':
      return keypadView(ctx, v);
    case 'receipt':
      return receiptView(ctx, v);
    case 'refused':
      return refusedView(ctx, v);
    case 'fault':
      return faultView(ctx, v);
    case 'maintenance':
      return maintenanceView(ctx, v);
  }
}

export interface SceneOptions {
  readonly width: number;
  readonly height: number;
  readonly lang?: Lang;
}

/** Draws `state` for a logical `width`×`height` screen in `lang` (zh-CN by default). */
export function buildScene(state: ScreenState, opts: SceneOptions): Scene {
  const lang = opts.lang ?? DEFAULT_LANG;
  return draw({ layout: makeLayout(opts.width, opts.height), lang, texts: textsFor(lang), common: state.common }, state.view);
}
