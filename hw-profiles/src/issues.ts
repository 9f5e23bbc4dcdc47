// How hw-profiles reports problems: every issue carries the path inside the file (as a reader would
// write it: connectors[1].meter.bus) and, when the YAML node is known, its line number.
import { isNode, type LineCounter, type Document } from 'yaml';

export interface ProfileIssue {
  /** Path inside the file, e.g. `connectors[1].meter.bus`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
}

export type PathKey = string | number;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out;
}

export function formatIssue(file: string, i: ProfileIssue): string {
  return `${file}${i.line ? `:${i.line}` : ''}: ${i.path || '(file)'}: ${i.message}`;
}

/** Line of the deepest YAML node on `path` (falls back to the nearest existing parent). */
export function lineOf(doc: Document | undefined, lines: LineCounter | undefined, path: readonly PathKey[]): number | undefined {
  if (!doc || !lines) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ProfileIssue[],
  ) {
    super(`${file}: ${issues.length} problem(s)\n${issues.map((i) => formatIssue(file, i)).join('\n')}`);
    this.name = 'ProfileError';
  }
}
