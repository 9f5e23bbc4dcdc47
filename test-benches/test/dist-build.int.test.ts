// The deployable build: `tsc -p tsconfig.build.json` plus scripts/copy-assets.mjs produce plain
// JavaScript with its run-time data (SQL migrations, profiles, register maps) that runs without tsx,
// as on a charger controller. Built into a temp folder so the checkout's dist/ is left alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

// inside the checkout (git-ignored .pilegate/) so the build resolves the installed node_modules
mkdirSync('.pilegate', { recursive: true });
const out = mkdtempSync(join('.pilegate', 'dist-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('builds and runs the agent commands and the cloud CLI as plain JavaScript', () => {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', out], { stdio: 'pipe' });
  execFileSync(process.execPath, ['scripts/copy-assets.mjs', out], { stdio: 'pipe' });
  const agent = (...args: string[]) => execFileSync(process.execPath, [join(out, 'pile-agent/src/cli/main.js'), ...args], { encoding: 'utf8' });
  expect(agent('profile', 'check', 'hw-profiles/chargers/sim.yaml')).toMatch(/^ok .*profile sim/);
  const decoded = agent('gbt', 'decode', 'pile-agent/src/protocols/gbt27930/fixtures/session-a.candump').trim().split('\n');
  expect(decoded.some((l) => l.includes('"msg": "BRM"') && l.includes('LZYTBTE65K1012345'))).toBe(true);
  // the SQLite migrations travel with the build: opening the cache runs them
  writeFileSync(join(out, 'agent.json'), JSON.stringify({ pileId: 'P1', stationId: 1, dataDir: join(out, 'data') }));
  writeFileSync(join(out, 'page.json'), JSON.stringify({ kind: 'snapshot', toVersion: 1, changes: [] }));
  expect(() => agent('whitelist', 'import', join(out, 'page.json'), '--config', join(out, 'agent.json'))).not.toThrow();
  const cloudHelp = execFileSync(process.execPath, [join(out, 'cloud-stub/src/cli/main.js'), '--help'], { encoding: 'utf8' });
  expect(cloudHelp).toContain('serve');
}, 180_000);
