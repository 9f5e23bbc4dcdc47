// Reads a scenario file: YAML → the schema (scenario.schema.ts) → the references between sections.
// Every problem is reported with the file, line and column it sits at and its path, all at once, so a
// test engineer fixes a file in one pass; a file with any problem is refused whole.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { SCENARIO_SCHEMA, STEP_KIND_NAMES } from './scenario.schema.js';
import type { Scenario, ScenarioIssue } from './scenario.types.js';
import { referenceIssues } from './scenario-refs.js';

export type LoadResult = { readonly ok: true; readonly value: Scenario } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

const validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(SCENARIO_SCHEMA);

/** Reads and checks the file at `path`. */
export function loadScenarioFile(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, issues: [{ file: path, line: 0, column: 0, path: '', message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseScenario(text, path);
}

/** Checks scenario text; `file` names it in the issues. */
export function parseScenario(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => lines.linePos(offset);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const p = at(e.pos[0]);
        return { file, line: p.line, column: p.col, path: '', message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const where = (path: (string | number)[], key?: string) => {
    const offset = offsetOf(doc, path, key);
    const p = at(offset);
    return { line: p.line, column: p.col };
  };
  if (!validate(data)) {
    const issues = schemaIssues(validate.errors ?? []).map((i) => ({ file, ...where(i.segments, i.key), path: pointer(i.segments, i.key), message: i.message }));
    return { ok: false, issues: dedupe(issues) };
  }
  const scenario = data as Omit<Scenario, 'file' | 'stepLines'>;
  const refs = referenceIssues(scenario).map((i) => ({ file, ...where(i.segments), path: pointer(i.segments), message: i.message }));
  if (refs.length > 0) return { ok: false, issues: refs };
  const stepLines = scenario.steps.map((_, i) => where(['steps', i]).line);
  return { ok: true, value: { ...scenario, file, stepLines } };
}

/** One line per issue: `file:line:column path: message`. */
export function formatIssue(i: ScenarioIssue): string {
  return `${i.file}:${i.line}:${i.column} ${i.path || '(file)'}: ${i.message}`;
}

interface RawIssue {
  readonly segments: (string | number)[];
  /** A key the issue is about (an unknown field), pointed at rather than its parent. */
  readonly key?: string;
  readonly message: string;
}

function segmentsOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function schemaIssues(errors: readonly ErrorObject[]): RawIssue[] {
  // Where an anyOf failed, its branches' own errors only repeat it: keep the anyOf's.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: RawIssue[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && (anyOfPaths.has(e.instancePath) || e.schemaPath.includes('/anyOf/'))) continue;
    const segments = segmentsOf(e.instancePath);
    // A step's own position: steps/N, or steps/N/together/I/J inside a together.
    const isStep = (segments.length === 2 && segments[0] === 'steps') || (segments.length >= 5 && segments[segments.length - 3] === 'together');
    const description = (e.parentSchema as { description?: string } | undefined)?.description;
    switch (e.keyword) {
      case 'required':
        out.push({ segments, message: `missing "${(e.params as { missingProperty: string }).missingProperty}"` });
        break;
      case 'additionalProperties': {
        const key = (e.params as { additionalProperty: string }).additionalProperty;
        out.push({ segments, key, message: isStep ? `unknown step "${key}"; a step is one of: ${STEP_KIND_NAMES.join(', ')}` : `unknown field "${key}"` });
        break;
      }
      case 'minProperties':
      case 'maxProperties':
        out.push({ segments, message: isStep ? `a step has exactly one of: ${STEP_KIND_NAMES.join(', ')}` : 'must not be empty' });
        break;
      case 'enum':
        out.push({ segments, message: `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` });
        break;
      case 'pattern':
        out.push({ segments, message: `${JSON.stringify(e.data)} is not ${description ?? `of the form ${(e.params as { pattern: string }).pattern}`}` });
        break;
      case 'anyOf':
        out.push({ segments, message: `${JSON.stringify(e.data)} is not allowed here${description ? ` (${description})` : ''}` });
        break;
      default:
        out.push({ segments, message: e.message ?? e.keyword });
    }
  }
  return out;
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}:${i.column}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const pointer = (segments: (string | number)[], key?: string) => `/${[...segments, ...(key === undefined ? [] : [key])].join('/')}`.replace(/\/$/, '') || '/';

/** The source offset of the node at `path` (or of `key` inside it); the nearest existing ancestor when it is missing. */
function offsetOf(doc: Document, path: (string | number)[], key?: string): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (!isNode(node) || !node.range) continue;
    if (n === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    return node.range[0];
  }
  return 0;
}
