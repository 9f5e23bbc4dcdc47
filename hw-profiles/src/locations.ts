// Where hw-profiles keeps its data files, resolved from this source file so the loader works from
// any working directory (CLI, tests, benches).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HW_PROFILES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const METERS_DIR = join(HW_PROFILES_DIR, 'meters');
export const CHARGERS_DIR = join(HW_PROFILES_DIR, 'chargers');
