// Loads and checks register maps (hw-profiles/meters/<id>.yaml): schema, file name = id, and that
// each sample reading covers every register the map uses. Decoding the sample is checked where the
// decoder lives (pile-agent/src/drivers/meter/meter-maps.test.ts).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { meterMapSchema, resolveMeterMap, type MeterMap } from '../schema/meter-map.schema.js';
import { ProfileError, type PathKey, type ProfileIssue } from './issues.js';
import { METERS_DIR } from './locations.js';
import { readYaml, validate, withLines } from './yaml-file.js';

/** Ids of the shipped maps (files not starting with `_`). */
export function listMeterMaps(): string[] {
  return readdirSync(METERS_DIR)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function meterMapFile(id: string): string {
  return join(METERS_DIR, `${id}.yaml`);
}

export function checkMeterMapFile(file: string, expectId?: string): { map?: MeterMap; issues: ProfileIssue[] } {
  const parsed = readYaml(file);
  if (parsed.issues.length) return { issues: parsed.issues };
  const { value, issues } = validate(meterMapSchema, parsed);
  if (!value) return { issues };
  const map = resolveMeterMap(value);
  const extra: Array<{ path: PathKey[]; message: string }> = [];
  if (expectId !== undefined && map.id !== expectId) extra.push({ path: ['id'], message: `id "${map.id}" differs from the file name "${expectId}"` });
  const width = { u16: 1, s16: 1, u32: 2, s32: 2, f32: 2, u64: 4 } as const;
  map.samples.forEach((sample, s) => {
    const covered = (fc: number, a: number) => sample.blocks.some((b) => b.functionCode === fc && a >= b.address && a < b.address + b.words.length);
    const at: PathKey[] = ['samples', s, 'blocks'];
    for (const [q, r] of Object.entries(map.registers)) {
      for (let i = 0; i < width[r.type]; i++) {
        if (!covered(r.functionCode, r.address + i)) extra.push({ path: at, message: `no sample word for ${q} register ${r.address + i}` });
      }
      if (r.exponent && !covered(r.functionCode, r.exponent.address)) {
        extra.push({ path: at, message: `no sample word for ${q} exponent register ${r.exponent.address}` });
      }
    }
  });
  return extra.length ? { issues: withLines(parsed, extra) } : { map, issues: [] };
}

const cache = new Map<string, MeterMap>();

/** Loads a shipped map by id; throws ProfileError listing every problem. */
export function loadMeterMap(id: string): MeterMap {
  const hit = cache.get(id);
  if (hit) return hit;
  const file = meterMapFile(id);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !existsSync(file)) {
    throw new ProfileError(file, [{ path: '', message: `no meter map "${id}" (known: ${listMeterMaps().join(', ')})` }]);
  }
  const { map, issues } = checkMeterMapFile(file, id);
  if (!map) throw new ProfileError(file, issues);
  cache.set(id, map);
  return map;
}
