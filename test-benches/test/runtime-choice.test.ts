// How bin/ starts a command: the built dist/ only while no source is newer than the build's stamp,
// the TypeScript sources through tsx otherwise (a fresh checkout, an edited file), PILEGATE_RUNTIME
// forcing either. On a throwaway checkout layout with controlled modification times.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { chooseRuntime } from '../../bin/runtime.js';
// @ts-expect-error plain JavaScript module without types
import { newestSourceMs } from '../../scripts/source-stamp.mjs';

const root = mkdtempSync(join(tmpdir(), 'runtime-choice-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ENTRY = 'cloud-stub/src/cli/main';
const T = Date.parse('2026-01-01T00:00:00Z') / 1000;

function file(path: string, mtimeS: number): void {
  const p = join(root, path);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, '');
  utimesSync(p, mtimeS, mtimeS);
}

describe('chooseRuntime', () => {
  it('tsx without a build; dist once built and stamped; tsx again after a source changes; forced either way', () => {
    file('cloud-stub/src/cli/main.ts', T);
    file('pile-agent/src/a.ts', T + 10);
    file('cloud-stub/test/ignored.test.ts', T + 999); // tests do not make a build stale
    expect(chooseRuntime(root, ENTRY, {})).toBe('tsx');
    file(`dist/${ENTRY}.js`, T + 20);
    writeFileSync(join(root, 'dist/.source-stamp'), `${newestSourceMs(root)}\n`);
    expect(newestSourceMs(root)).toBe((T + 10) * 1000);
    expect(chooseRuntime(root, ENTRY, {})).toBe('dist');
    expect(chooseRuntime(root, ENTRY, { PILEGATE_RUNTIME: 'tsx' })).toBe('tsx');
    file('cloud-stub/src/persistence/sqlite/migrations/0099_up-x.sql', T + 30); // an edited source, any kind
    expect(chooseRuntime(root, ENTRY, {})).toBe('tsx');
    expect(chooseRuntime(root, ENTRY, { PILEGATE_RUNTIME: 'dist' })).toBe('dist');
  });
});
