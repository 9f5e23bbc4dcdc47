// Reads a YAML file into plain data plus what is needed to report line numbers, and validates it
// with a zod schema, turning every zod issue into a ProfileIssue with its path and line.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { lineOf, type PathKey, type ProfileIssue, formatPath } from './issues.js';

export interface ParsedYaml {
  readonly data: unknown;
  readonly doc?: Document;
  readonly lines?: LineCounter;
  readonly issues: ProfileIssue[];
}

export function readYaml(file: string): ParsedYaml {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { data: undefined, issues: [{ path: '', message: `cannot read: ${(e as Error).message}` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      data: undefined,
      issues: doc.errors.map((e) => ({ path: '', message: `YAML: ${e.message.split('\n')[0]}`, line: e.linePos?.[0].line })),
    };
  }
  return { data: doc.toJS(), doc, lines, issues: [] };
}

export function validate<S extends z.ZodType>(schema: S, parsed: ParsedYaml): { value?: z.output<S>; issues: ProfileIssue[] } {
  const r = schema.safeParse(parsed.data);
  if (r.success) return { value: r.data, issues: [] };
  return {
    issues: r.error.issues.map((i) => {
      const path = i.path.filter((k): k is PathKey => typeof k !== 'symbol');
      return { path: formatPath(path), message: i.message, line: lineOf(parsed.doc, parsed.lines, path) };
    }),
  };
}

export function withLines(parsed: ParsedYaml, issues: Array<{ path: PathKey[]; message: string }>): ProfileIssue[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message, line: lineOf(parsed.doc, parsed.lines, i.path) }));
}
