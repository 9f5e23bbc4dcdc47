// What every sub-command needs: the cloud URL (--url, PILEGATE_CLOUD_URL, default), the saved token,
// the API client, and the output (--json prints the server's JSON; otherwise short human lines and
// tables on stdout). Also the shared argument parsers (ids, yuan, on/off) for commander.
import { terminalSafe } from '../shared/safe-text.js';
import { InvalidArgumentError, type Command } from 'commander';
import { ApiClient } from './api-client.js';
import { parseYuan } from './money.js';
import { loadLogin, tokenFilePath, urlKey } from './token-store.js';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export interface GlobalOptions {
  url?: string;
  json?: boolean;
  progress?: boolean;
}

export interface CliContext {
  url: string;
  tokenFile: string;
  api: ApiClient;
  json: boolean;
  /** Prints `data` as JSON with --json, else calls `human`. */
  show<T>(data: T, human: (data: T) => void): void;
  line(text: string): void;
  table(columns: { title: string; value: (row: never) => string | number | null }[], rows: unknown[]): void;
}

export function contextOf(cmd: Command): CliContext {
  const g = cmd.optsWithGlobals() as GlobalOptions;
  const url = urlKey(g.url || process.env.PILEGATE_CLOUD_URL || DEFAULT_URL);
  const tokenFile = tokenFilePath();
  const saved = loadLogin(tokenFile, url);
  const api = new ApiClient({ url, token: saved?.token ?? null, progress: { enabled: g.progress !== false, sink: process.stderr } });
  const json = g.json === true;
  // Whatever the server stored, what it sends cannot drive the operator's terminal.
  const line = (text: string) => void process.stdout.write(`${terminalSafe(text)}\n`);
  return {
    url,
    tokenFile,
    api,
    json,
    line,
    show: (data, human) => (json ? line(JSON.stringify(data, null, 2)) : human(data)),
    table: (columns, rows) => {
      const cells = rows.map((r) => columns.map((c) => String(c.value(r as never) ?? '')));
      line(
        renderTextTable(
          columns.map((c) => c.title),
          cells,
        ),
      );
    },
  };
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

export function renderTextTable(titles: string[], rows: string[][]): string {
  if (rows.length === 0) return '(none)';
  const widths = titles.map((t, i) => Math.max(displayWidth(t), ...rows.map((r) => displayWidth(r[i]))));
  const pad = (s: string, i: number) => s + ' '.repeat(widths[i] - displayWidth(s));
  const fmt = (r: string[]) => r.map(pad).join('  ').trimEnd();
  return [fmt(titles), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

/** commander parser: a positive integer id. */
export function idArg(what: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`${what} must be a positive whole number, got "${value}"`);
    return Number(value);
  };
}

/** commander parser: repeatable positive integer ids. */
export function idListArg(what: string): (value: string, prev: number[] | undefined) => number[] {
  const one = idArg(what);
  return (value, prev) => [...(prev ?? []), ...value.split(',').filter(Boolean).map(one)];
}

/** commander parser: yuan → integer fen (exact). */
export function yuanArg(opts: { allowNegative?: boolean; allowZero?: boolean } = {}): (value: string) => number {
  return (value) => {
    const fen = parseYuan(value, opts);
    if (typeof fen === 'string') throw new InvalidArgumentError(fen);
    return fen;
  };
}

/** commander parser: on/off, yes/no, true/false, 1/0. */
export function switchArg(value: string): boolean {
  const v = value.toLowerCase();
  if (['on', 'yes', 'true', '1'].includes(v)) return true;
  if (['off', 'no', 'false', '0'].includes(v)) return false;
  throw new InvalidArgumentError(`expected on or off, got "${value}"`);
}

/** commander parser: a positive integer, or "none" (→ null) to clear the field. */
export function idOrNoneArg(what: string): (value: string) => number | null {
  const one = idArg(what);
  return (value) => (value.toLowerCase() === 'none' ? null : one(value));
}
