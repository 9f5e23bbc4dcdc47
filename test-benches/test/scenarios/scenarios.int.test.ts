// Every scenario file in test-benches/scenarios/ played by the runner against the cloud, the real
// agent and the simulators (as `npx bench run` does): each must pass, step by step. They run side by
// side (each has its own cloud, ports and folders), at most three at a time: each brings a cloud, an
// agent and a rig of simulators on pty pairs, and more at once starve a 2-core machine (a meter read
// timing out at a session's start is a refusal, as it should be on a real pile).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { formatIssue, loadScenarioFile } from '../../src/scenarios/scenario-load.js';
import { runScenario } from '../../src/scenarios/scenario-runner.js';

const DIR = join(import.meta.dirname, '../../scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

/** At most `n` scenarios at once. */
function slots(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let free = n;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (free === 0) await new Promise<void>((r) => waiting.push(r));
    else free--;
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
const inSlot = slots(3);

describe('scenario files, played', () => {
  for (const f of FILES) {
    it.concurrent(f, async ({ expect }) => {
      const loaded = loadScenarioFile(join(DIR, f));
      if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
      const lines: string[] = [];
      const r = await inSlot(() => runScenario(loaded.value, { say: (l) => lines.push(l) }));
      expect(r.error, lines.join('\n')).toBeNull();
      expect(r.steps.map((s) => s.ok)).toEqual(loaded.value.steps.map(() => true));
    }, 240_000);
  }
});
