// Picks a language's texts and resolves codes to texts with generic fallbacks, so an unknown
// refusal or fault code still shows something readable (the code itself). Pure.
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import { fill, type KnownRefusal, type RefusalText, type Texts } from './texts.js';
import type { Lang } from '../view-state.js';

export { fill, type Texts, type RefusalText } from './texts.js';

export const DEFAULT_LANG: Lang = 'zh-CN';

export function textsFor(lang: Lang): Texts {
  return lang === 'en' ? en : zhCN;
}

/** Accepts `zh`, `zh-CN`, `en`; anything else is null. */
export function parseLang(s: string): Lang | null {
  const v = s.trim().toLowerCase();
  if (v === 'zh' || v === 'zh-cn') return 'zh-CN';
  if (v === 'en') return 'en';
  return null;
}

/** The refusal's texts; unknown codes get the generic text naming the code. */
export function refusalText(t: Texts, code: string): RefusalText & { known: boolean } {
  const known = Object.hasOwn(t.reasons, code) ? t.reasons[code as KnownRefusal] : null;
  if (known) return { ...known, known: true };
  return { title: t.refused.unknown.title, hint: fill(t.refused.unknown.hint, { code }), known: false };
}

export function faultText(t: Texts, code: string): string {
  return Object.hasOwn(t.faults, code) ? t.faults[code as keyof Texts['faults']] : code;
}
