// Loads a charger profile: read YAML, validate the schema, apply run-time overrides, check
// cross-references and resolve the meter maps it names. checkProfileFile returns every problem
// (for `pile-agent profile check`); loadProfile throws ProfileError carrying the same list.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chargerProfileSchema, type ChargerProfile } from '../schema/charger-profile.schema.js';
import type { MeterMap } from '../schema/meter-map.schema.js';
import { crossCheck } from './cross-check.js';
import { ProfileError, type ProfileIssue } from './issues.js';
import { CHARGERS_DIR } from './locations.js';
import { loadMeterMap } from './meter-maps.js';
import { applyOverrides } from './overrides.js';
import { readYaml, validate, withLines } from './yaml-file.js';

export interface LoadOptions {
  /** Logical device name → replacement path (see overrides.ts for the names). */
  readonly overrides?: Readonly<Record<string, string>>;
}

export interface LoadedProfile extends ChargerProfile {
  /** The meter maps the connectors name, by map id. */
  readonly meterMaps: Readonly<Record<string, MeterMap>>;
  /** The file the profile came from. */
  readonly file: string;
}

/** Ids of the shipped charger profiles: `sim` and `<vendor>/<model>`. */
export function listProfiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yaml') && !name.startsWith('_')) out.push(relative(CHARGERS_DIR, p).slice(0, -5));
    }
  };
  walk(CHARGERS_DIR);
  return out;
}

/** A shipped id (`sim`, `acme/dc120`) or a path to a YAML file. */
export function profileFile(idOrPath: string): string {
  if (/\.ya?ml$/.test(idOrPath) || idOrPath.includes('\\')) return idOrPath;
  const shipped = join(CHARGERS_DIR, `${idOrPath}.yaml`);
  return existsSync(shipped) || !existsSync(idOrPath) ? shipped : idOrPath;
}

export function checkProfileFile(file: string, opts: LoadOptions = {}): { profile?: LoadedProfile; issues: ProfileIssue[] } {
  const parsed = readYaml(file);
  if (parsed.issues.length) return { issues: parsed.issues };
  const { value, issues } = validate(chargerProfileSchema, parsed);
  if (!value) return { issues };
  const { profile, issues: overrideIssues } = applyOverrides(value, opts.overrides ?? {});
  const problems = withLines(parsed, [...overrideIssues, ...crossCheck(profile)]);
  const meterMaps: Record<string, MeterMap> = {};
  for (const [i, c] of profile.connectors.entries()) {
    if (meterMaps[c.meter.map] || problems.some((p) => p.path === `connectors[${i}].meter.map`)) continue;
    try {
      meterMaps[c.meter.map] = loadMeterMap(c.meter.map);
    } catch (e) {
      const inner = e instanceof ProfileError ? e.issues.map((x) => `${x.path}: ${x.message}`).join('; ') : String(e);
      problems.push({ path: `connectors[${i}].meter.map`, message: `meter map "${c.meter.map}" is invalid: ${inner}` });
    }
  }
  if (problems.length) return { issues: problems };
  return { profile: { ...profile, meterMaps, file }, issues: [] };
}

/** Loads and validates a profile; throws ProfileError listing every problem. */
export function loadProfile(idOrPath: string, opts: LoadOptions = {}): LoadedProfile {
  const file = profileFile(idOrPath);
  const { profile, issues } = checkProfileFile(file, opts);
  if (!profile) throw new ProfileError(file, issues);
  return profile;
}
