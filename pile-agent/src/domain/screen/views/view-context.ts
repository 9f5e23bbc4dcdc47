// What every view gets besides its own state: the layout for the screen size, the language's
// texts and the common header state. Views are `(ctx, state) → Scene`, pure.
import type { Scene } from '../../../ports/display.port.js';
import type { Texts } from '../i18n/index.js';
import type { Layout } from '../layout.js';
import type { Lang, ScreenCommon } from '../view-state.js';

export interface ViewContext {
  readonly layout: Layout;
  readonly lang: Lang;
  readonly texts: Texts;
  readonly common: ScreenCommon;
}

export type View<S> = (ctx: ViewContext, state: S) => Scene;
