// The newest modification time among the sources a build is made from (TypeScript, SQL, YAML, JSON
// under the four product folders; tests, benches, docs and fixtures left out): `npm run build`
// records it in dist/.source-stamp, and the commands in bin/ compare it with the checkout's to tell
// whether dist/ still matches the sources. A few hundred stat calls: milliseconds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FOLDERS = ['pile-agent', 'cloud-stub', 'hw-profiles', 'test-benches'];
const SKIP = new Set(['node_modules', 'test', 'bench', 'docs', 'fixtures']);
const SOURCE = /\.(ts|sql|ya?ml|json)$/;

export function newestSourceMs(root) {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || SKIP.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const f of FOLDERS) if (existsSync(join(root, f))) walk(join(root, f));
  return Math.ceil(newest);
}

export const STAMP_FILE = '.source-stamp';
