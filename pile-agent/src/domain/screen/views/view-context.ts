import type { Texts } from '../i18n/index.js';
import type { Layout } from '../layout.js';
import type { Lang, ScreenCommon } from '../view-state.js';

export interface ViewContext {
  readonly layout: Layout;
  readonly lang: Lang;
  readonly texts: Texts;
  readonly common: ScreenCommon;
}
