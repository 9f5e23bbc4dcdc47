// Every decoder and parser under fuzz: the pile's (its framers and codecs, pile-agent/testing) and
// the charger profile schema — a valid profile with fields dropped, retyped or swapped must be
// refused with issues, never throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chargerProfileSchema } from '../../../hw-profiles/index.js';
import { PILE_FUZZ_TARGETS, type FuzzRandom, type FuzzTarget } from '../../../pile-agent/testing.js';

const SIM_PROFILE = parse(readFileSync(join(import.meta.dirname, '../../../hw-profiles/chargers/sim.yaml'), 'utf8')) as unknown;
const ODD_VALUES: unknown[] = [null, -1, 1e309, '', 'x'.repeat(300), [], {}, true, 0.5, '\u0000', 2 ** 53];

/** A copy of `value` with one node somewhere replaced, removed or given an extra key. */
function mutateTree(rng: FuzzRandom, value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v) => (rng.chance(0.3) ? mutateTree(rng, v, depth + 1) : v));
    if (rng.chance(0.1)) out.splice(rng.int(out.length + 1), 0, rng.pick(ODD_VALUES));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(out);
    if (keys.length && rng.chance(0.5)) {
      const k = rng.pick(keys);
      if (rng.chance(0.3)) delete out[k];
      else out[k] = rng.chance(0.5) ? rng.pick(ODD_VALUES) : mutateTree(rng, out[k], depth + 1);
    }
    if (rng.chance(0.05)) out[rng.text(8)] = rng.pick(ODD_VALUES);
    return out;
  }
  return rng.chance(0.5) ? rng.pick(ODD_VALUES) : value;
}

const chargerProfile: FuzzTarget = {
  name: 'hw.profile',
  run(rng) {
    const r = chargerProfileSchema.safeParse(mutateTree(rng, SIM_PROFILE));
    if (!r.success && r.error.issues.length === 0) throw new Error('a refused profile without an issue');
    return r.success;
  },
};

export const ALL_FUZZ_TARGETS: readonly FuzzTarget[] = [...PILE_FUZZ_TARGETS, chargerProfile];
