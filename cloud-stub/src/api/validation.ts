// The API's schema validation: what fastify's validator compiler builds for each part of a request.
// Bodies are strict — JSON types are taken as sent (`true`, "100", [100] are not 100; 123 is not a
// name) — and no string in them may hold a control or bidirectional-formatting character (a name is
// printed to operators' terminals and screens). Path parameters and query strings arrive as text
// and are converted to the schema's types, but an integer must be written as one: canonical decimal,
// at most 15 digits ("0x1", "1e0", " 1", "01" are refused). Headers: as fastify does.
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { codePointName, FORBIDDEN_TEXT } from '../shared/safe-text.js';

const CANONICAL_INT = /^(0|-?[1-9][0-9]{0,14})$/;

const base = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
const strictAjv = new Ajv({ ...base, coerceTypes: false });
const coercingAjv = new Ajv({ ...base, coerceTypes: 'array' });

interface Issue {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}
type Check = (data: unknown) => Issue | null;

/** The first string (value or key) below `data` holding a forbidden character, as a validation issue. */
export function controlCharIssue(data: unknown, path = ''): Issue | null {
  if (typeof data === 'string') {
    const m = FORBIDDEN_TEXT.exec(data);
    return m ? { instancePath: path, keyword: 'text', message: `must not contain control or formatting characters (${codePointName(m[0])})`, params: {} } : null;
  }
  if (data === null || typeof data !== 'object') return null;
  for (const [k, v] of Object.entries(data)) {
    const inKey = FORBIDDEN_TEXT.exec(k);
    if (inKey) return { instancePath: path, keyword: 'text', message: `has a field name with a control character (${codePointName(inKey[0])})`, params: {} };
    const found = controlCharIssue(v, `${path}/${k}`);
    if (found) return found;
  }
  return null;
}

/** Integer-typed properties of a params/querystring schema whose text is not a canonical integer. */
// biome-ignore lint/suspicious/noExplicitAny: a JSON schema is untyped JSON
function canonicalIntegers(schema: Record<string, any>): Check {
  const intProps = Object.entries((schema.properties ?? {}) as Record<string, { type?: string | string[] }>)
    .filter(([, p]) => p.type === 'integer' || (Array.isArray(p.type) && p.type.includes('integer')))
    .map(([k]) => k);
  return (data) => {
    if (!data || typeof data !== 'object') return null;
    for (const k of intProps) {
      const v = (data as Record<string, unknown>)[k];
      if (typeof v === 'string' && !CANONICAL_INT.test(v)) return { instancePath: `/${k}`, keyword: 'type', message: 'must be an integer written in decimal digits', params: {} };
    }
    return null;
  };
}

/** Runs `pre` on the raw data, then the compiled schema; exposes the first failure as `errors`. */
function guarded(validate: ValidateFunction, pre: Check[]): ValidateFunction {
  // biome-ignore lint/suspicious/noExplicitAny: ajv calls a custom validator with its own context type
  const fn = ((data: unknown, ctx?: any) => {
    for (const check of pre) {
      const issue = check(data);
      if (issue) {
        fn.errors = [issue as never];
        return false;
      }
    }
    const ok = validate(data, ctx);
    fn.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  // fastify passes the request as parent data when the function carries Ajv's schemaEnv.
  Object.assign(fn, { schemaEnv: validate.schemaEnv, schema: validate.schema });
  return fn;
}

// biome-ignore lint/suspicious/noExplicitAny: fastify types the compiler for any schema
export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return guarded(strictAjv.compile(schema as object), [controlCharIssue]);
  if (httpPart === 'params' || httpPart === 'querystring') return guarded(coercingAjv.compile(schema as object), [canonicalIntegers(schema as object), controlCharIssue]);
  return coercingAjv.compile(schema as object);
};
