// Every scenario file in test-benches/scenarios/ played by the runner against the cloud, the real
// agent and the simulators (as `npx bench run` does): each must pass, step by step. They run side by
// side (each has its own cloud, ports and folders), so the suite waits for the slowest, not the sum.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { formatIssue, loadScenarioFile } from '../../src/scenarios/scenario-load.js';
import { runScenario } from '../../src/scenarios/scenario-runner.js';

const DIR = join(import.meta.dirname, '../../scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('scenario files, played', () => {
  for (const f of FILES) {
    it.concurrent(f, async ({ expect }) => {
      const loaded = loadScenarioFile(join(DIR, f));
      if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
      const lines: string[] = [];
      const r = await runScenario(loaded.value, { say: (l) => lines.push(l) });
      expect(r.error, lines.join('\n')).toBeNull();
      expect(r.steps.map((s) => s.ok)).toEqual(loaded.value.steps.map(() => true));
    }, 240_000);
  }
});
