// Where the checkout is, for code that starts the product's commands (`bin/cloud-stub.js`,
// `bin/pile-agent.js`) as processes: the nearest folder above this module holding `bin/pile-agent.js`
// — the same from the TypeScript sources and from the build in dist/. And whether this module runs
// from that build (then a child module is the compiled `.js`, started without tsx).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'pile-agent.js'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pilegate checkout above ${from}`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** True when this code is the build in dist/ (plain JavaScript), false from the TypeScript sources. */
export const FROM_BUILD = fileURLToPath(import.meta.url).endsWith('.js');

/** How to start a sibling module `name` (without extension) of `moduleUrl` as a Node process. */
export function childModule(moduleUrl: string, name: string): { readonly file: string; readonly execArgv: string[] } {
  const dir = dirname(fileURLToPath(moduleUrl));
  return FROM_BUILD ? { file: join(dir, `${name}.js`), execArgv: [] } : { file: join(dir, `${name}.ts`), execArgv: ['--import', 'tsx'] };
}
