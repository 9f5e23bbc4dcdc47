// JSON Schema of the profile and meter-map formats for editors (yaml-language-server reads the
// `$schema` comment at the top of each YAML file). Generated from the zod schemas; a test fails when
// the checked-in files are stale. Regenerate: npx tsx hw-profiles/src/json-schema.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { chargerProfileSchema } from '../schema/charger-profile.schema.js';
import { meterMapSchema } from '../schema/meter-map.schema.js';
import { HW_PROFILES_DIR } from './locations.js';

export const JSON_SCHEMA_DIR = join(HW_PROFILES_DIR, 'schema', 'json');

export function jsonSchemas(): Record<string, string> {
  const gen = (s: z.ZodType) => `${JSON.stringify(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
  return {
    'charger-profile.schema.json': gen(chargerProfileSchema),
    'meter-map.schema.json': gen(meterMapSchema),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const [name, text] of Object.entries(jsonSchemas())) writeFileSync(join(JSON_SCHEMA_DIR, name), text);
}
