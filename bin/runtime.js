// How a pilegate command runs: the plain JavaScript that `npm run build` wrote to dist/ when it is
// there and no source changed since (fast start-up: what a charger controller runs), else the
// TypeScript sources through tsx (always what the checkout says). PILEGATE_RUNTIME=dist or =tsx
// forces one. `entry` is the module path without extension, e.g. 'cloud-stub/src/cli/main'.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestSourceMs, STAMP_FILE } from '../scripts/source-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** 'dist' or 'tsx' for `entry` in the checkout at `base`, as `env` (PILEGATE_RUNTIME) allows. */
export function chooseRuntime(base, entry, env = process.env) {
  if (env.PILEGATE_RUNTIME === 'dist' || env.PILEGATE_RUNTIME === 'tsx') return env.PILEGATE_RUNTIME;
  const stamp = join(base, 'dist', STAMP_FILE);
  if (!existsSync(stamp) || !existsSync(join(base, 'dist', `${entry}.js`))) return 'tsx';
  return newestSourceMs(base) <= Number(readFileSync(stamp, 'utf8')) ? 'dist' : 'tsx';
}

export async function runCommand(entry) {
  if (chooseRuntime(root, entry) === 'dist') {
    await import(pathToFileURL(join(root, 'dist', `${entry}.js`)).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, `${entry}.ts`)).href);
}
