// Every register map (and the template) validates, cites a source, and its samples cover every
// register it uses. Decoding the samples is tested next to the decoder, in pile-agent
// (src/drivers/meter/meter-maps.test.ts), because hw-profiles imports nothing from other folders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMeterMapFile, listMeterMaps, loadMeterMap, ProfileError } from '../index.js';
import { METERS_DIR } from '../src/locations.js';
import { jsonSchemas, JSON_SCHEMA_DIR } from '../src/json-schema.js';

describe('register maps', () => {
  it('ship at least two DC meters', () => {
    expect(listMeterMaps().filter((id) => loadMeterMap(id).kind === 'dc').length).toBeGreaterThanOrEqual(2);
  });

  it.each(listMeterMaps())('%s validates, cites a source and fills every default', (id) => {
    const m = loadMeterMap(id);
    expect(m.source.length).toBeGreaterThan(0);
    for (const r of Object.values(m.registers)) {
      expect(r.functionCode === 3 || r.functionCode === 4).toBe(true);
      expect(['big', 'little']).toContain(r.wordOrder);
    }
  });

  it('the template validates too', () => {
    expect(checkMeterMapFile(join(METERS_DIR, '_template.yaml')).issues).toEqual([]);
  });

  it('reports a wrong id, a wrong unit and a sample that misses a register', () => {
    const { issues } = checkMeterMapFile(join(import.meta.dirname, 'fixtures', 'bad-map.yaml'), 'bad-map');
    expect(issues.map((i) => i.path)).toEqual(['registers.power.unit']);
    const cov = checkMeterMapFile(join(import.meta.dirname, 'fixtures', 'uncovered-map.yaml'), 'uncovered-map');
    expect(cov.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'id: id "something-else" differs from the file name "uncovered-map"',
      'samples[0].blocks: no sample word for current register 5',
    ]);
  });

  it('loadMeterMap names the known maps when asked for an unknown one', () => {
    expect(() => loadMeterMap('nope')).toThrow(ProfileError);
    expect(() => loadMeterMap('../chargers/sim')).toThrow(/no meter map/);
  });
});

describe('JSON Schema for editors', () => {
  it('is up to date with the zod schemas (regenerate: npx tsx hw-profiles/src/json-schema.ts)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) expect(readFileSync(join(JSON_SCHEMA_DIR, name), 'utf8')).toBe(text);
  });
});
