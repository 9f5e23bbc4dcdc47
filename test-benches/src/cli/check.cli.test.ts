// `bench check` as a test engineer runs it (a real process): a good file prints one ok line and exits
// 0; a bad one prints each problem as file:line:column path: message and exits 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../scenarios/scenario-load.js';

const root = join(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('bench check', () => {
  it('accepts the shipped scenarios and refuses a bad file with the line of each problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilegate-check-'));
    dirs.push(dir);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scenario: x\ndepot:\n  piles: [{ id: P1, station: nowhere }]\nsteps:\n  - plug: { at: P1/1 }\n  - press: { at: P1/1, button: start }\n');
    const good = join(root, 'test-benches/scenarios/mode4-unknown-vin-registered.yaml');
    const r = spawnSync(process.execPath, [join(root, 'bin/bench.js'), 'check', good, bad], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    const steps = (() => {
      const loaded = loadScenarioFile(good);
      return loaded.ok ? loaded.value.steps.length : -1;
    })();
    expect(r.stdout.startsWith(`ok ${good}: ${steps} steps, 1 pile(s) — mode 4`)).toBe(true);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([`${bad}:6:32 /steps/1/press/button: must be one of: vin-charge`, '1 of 2 file(s) refused']);
  });
});
