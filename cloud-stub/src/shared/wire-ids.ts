// The cloud's side of the contract's one id type (pile-agent/contract wire-rules.ts): registry ids
// travel as text; the cloud's keys are integers written in decimal. Pure.

/** The integer key of a wire id, or null when the text is not one of ours (a positive decimal). */
export function cloudId(text: string | null): number | null {
  if (text === null || !/^[1-9]\d{0,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
