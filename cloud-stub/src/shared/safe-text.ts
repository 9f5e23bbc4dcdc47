// Text that reaches an operator's terminal or screen: which characters no stored name may hold (C0 and
// C1 controls, DEL, and the invisible marks that reorder or hide text — RLO, LRI, zero-width, BOM), and
// how text from the API is printed so that, whatever was stored, it cannot drive the terminal: each
// such character shown as a visible `\uXXXX` escape (valid inside JSON too). Pure.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for
export const FORBIDDEN_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for
const FORBIDDEN_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

/** `U+001B` for a character (for messages). */
export const codePointName = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Text for a terminal: line breaks kept, every other control or formatting character escaped. */
export const terminalSafe = (text: string): string => text.replace(FORBIDDEN_EXCEPT_NEWLINE, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
