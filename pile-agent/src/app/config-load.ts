// Loads the agent config: a YAML or JSON file, then `PILEGATE_` environment overrides, then the
// schema (config.schema.ts). Every problem is returned with its path, never thrown. Environment
// names: PILEGATE_ + the path in SCREAMING_SNAKE_CASE with `__` between levels, e.g.
// PILEGATE_DATA_DIR, PILEGATE_SESSION__METER_SAMPLE_INTERVAL_MS=5000, PILEGATE_DEVICES='{"can.1":"/dev/ttyACM0"}'.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { err, ok, type Result } from '../shared/result.js';
import { agentConfigSchema, ENV_PREFIX, type AgentConfig } from './config.schema.js';

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

const camel = (snake: string) => snake.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A value as typed in the environment: JSON when it parses (numbers, booleans, objects), else text. */
function envValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Applies PILEGATE_* variables onto a copy of the raw config. Variables whose first level is not a
 * config option (PILEGATE_RUNTIME of bin/*.js, for instance) are not config and are left alone.
 */
export function applyEnv(raw: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(raw);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').map(camel);
    if (!(path[0] in agentConfigSchema.shape)) continue;
    let node = out;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = envValue(value);
  }
  return out;
}

/** Parses config text (YAML is a superset of JSON). */
export function parseConfigText(text: string): Result<Record<string, unknown>, ConfigIssue[]> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return err([{ path: '(file)', message: `not YAML/JSON: ${(e as Error).message}` }]);
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return err([{ path: '(file)', message: 'the config must be a mapping of options' }]);
  return ok(raw as Record<string, unknown>);
}

export function validateConfig(raw: unknown): Result<AgentConfig, ConfigIssue[]> {
  const r = agentConfigSchema.safeParse(raw);
  if (r.success) return ok(r.data);
  return err(r.error.issues.map((i) => ({ path: i.path.join('.') || '(config)', message: i.message })));
}

/**
 * Reads, overrides and validates a config file. Relative `dataDir`, `whitelistSeedFile` and a
 * profile given as a file path are resolved against the file's directory.
 */
export function loadConfigFile(file: string, env: Readonly<Record<string, string | undefined>>): Result<AgentConfig, ConfigIssue[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err([{ path: '(file)', message: `cannot read ${file}: ${(e as Error).message}` }]);
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) return parsed;
  const v = validateConfig(applyEnv(parsed.value, env));
  if (!v.ok) return v;
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const c = v.value;
  return ok({
    ...c,
    dataDir: abs(c.dataDir),
    ...(c.whitelistSeedFile ? { whitelistSeedFile: abs(c.whitelistSeedFile) } : {}),
    profile: /\.ya?ml$/.test(c.profile) ? abs(c.profile) : c.profile,
  });
}
