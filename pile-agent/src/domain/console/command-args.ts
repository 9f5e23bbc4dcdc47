// Argument schemas of registry commands and their parser: a command line is split into words
// (double quotes group words, `\"` inside quotes), then each word is checked against the command's
// positional argument specs (string, int with range, duration like `10s`, or one of fixed values).
// Pure; a bad line is a value with a human sentence, never a throw.
import { err, ok, type Result } from '../../shared/result.js';

export type ArgKind = 'string' | 'int' | 'duration' | 'enum';

export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
  readonly optional?: boolean;
  /** For `enum`: the accepted words. */
  readonly values?: readonly string[];
  /** For `int`: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
}

/** Parsed arguments by name: strings and enum words as text, ints and durations (ms) as numbers. */
export type Args = Readonly<Record<string, string | number | undefined>>;

/** Splits a line into words; quotes group, `\"` and `\\` escape inside quotes. */
export function tokenize(line: string): Result<string[], string> {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) cur += line[++i];
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') {
      quoted = true;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quoted) return err('unterminated quote');
  if (inWord) words.push(cur);
  return ok(words);
}

const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `250ms`, `10s`, `5m`, `1h` → milliseconds; null when not a duration. */
export function parseDurationMs(word: string): number | null {
  const m = DURATION.exec(word);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

function parseOne(spec: ArgSpec, word: string): Result<string | number, string> {
  switch (spec.kind) {
    case 'string':
      return ok(word);
    case 'enum':
      return spec.values?.includes(word) ? ok(word) : err(`${spec.name} must be one of ${(spec.values ?? []).join('|')}, got "${word}"`);
    case 'duration': {
      const ms = parseDurationMs(word);
      return ms === null ? err(`${spec.name} must be a duration like 500ms, 10s or 5m, got "${word}"`) : ok(ms);
    }
    case 'int': {
      if (!/^-?\d{1,15}$/.test(word)) return err(`${spec.name} must be a whole number, got "${word}"`);
      const n = Number(word);
      if (spec.min !== undefined && n < spec.min) return err(`${spec.name} must be at least ${spec.min}, got ${n}`);
      if (spec.max !== undefined && n > spec.max) return err(`${spec.name} must be at most ${spec.max}, got ${n}`);
      return ok(n);
    }
  }
}

/** Checks words against positional specs: required ones first, optional ones after, no extras. */
export function parseArgs(specs: readonly ArgSpec[], words: readonly string[]): Result<Args, string> {
  const required = specs.filter((s) => !s.optional).length;
  if (words.length < required) return err(`missing ${specs[words.length].name}`);
  if (words.length > specs.length) return err(`unexpected "${words[specs.length]}"`);
  const out: Record<string, string | number | undefined> = {};
  for (let i = 0; i < specs.length; i++) {
    if (i >= words.length) {
      out[specs[i].name] = undefined;
      continue;
    }
    const r = parseOne(specs[i], words[i]);
    if (!r.ok) return r;
    out[specs[i].name] = r.value;
  }
  return ok(out);
}

/** `<name>` for a required argument, `[name]` for an optional one, enum values spelled out. */
export function usageOfArgs(specs: readonly ArgSpec[]): string {
  return specs
    .map((s) => {
      const inner = s.kind === 'enum' && s.values ? s.values.join('|') : s.name;
      return s.optional ? `[${inner}]` : `<${inner}>`;
    })
    .join(' ');
}
