// `npx bench run FILE... [--junit FILE] [--keep] [--bench-profile FILE]`: plays scenario files
// (scenario-runner.ts) one after the other, each step reported as it goes, one summary line at the end;
// `--junit` writes a JUnit XML report for CI; `--keep` keeps each scenario's temporary folder;
// `--bench-profile` plays the piles on real controllers wired to this machine (docs/hil.md). Exit 0
// when every scenario held, 1 when any failed or could not run, 2 when a file is not a valid scenario
// or bench profile (nothing is run then).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadBenchProfile, type BenchProfile } from '../hil/bench-profile.js';
import { junitXml } from '../scenarios/junit.js';
import { formatIssue, loadScenarioFile } from '../scenarios/scenario-load.js';
import { runScenario, type ScenarioResult } from '../scenarios/scenario-runner.js';
import type { Scenario } from '../scenarios/scenario.types.js';

export function register(program: Command): void {
  program
    .command('run')
    .description('play scenario files against the cloud, real agents and the simulators; report each step')
    .argument('<files...>', 'scenario files (.yaml)')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--keep', "keep each scenario's temporary folder (cloud database, agent journals)")
    .option('--bench-profile <file>', 'play the piles on real controllers wired to this machine (test-benches/docs/hil.md)')
    .action(async (files: string[], o: { junit?: string; keep?: boolean; benchProfile?: string }) => {
      const scenarios: Scenario[] = [];
      let invalid = false;
      let bench: BenchProfile | undefined;
      if (o.benchProfile) {
        const b = loadBenchProfile(o.benchProfile);
        if (b.ok) bench = b.value;
        else {
          invalid = true;
          for (const i of b.issues) console.error(i);
        }
      }
      for (const f of files) {
        const r = loadScenarioFile(f);
        if (r.ok) scenarios.push(r.value);
        else {
          invalid = true;
          for (const i of r.issues) console.error(formatIssue(i));
        }
      }
      if (invalid) {
        console.error('no scenario was run: fix the files above first (npx bench check FILE...)');
        process.exitCode = 2;
        return;
      }
      const results: ScenarioResult[] = [];
      for (const s of scenarios) {
        const r = await runScenario(s, { say: (line) => console.log(line), keep: o.keep, bench });
        results.push(r);
        console.log(`${r.ok ? 'PASS' : 'FAIL'} ${s.file} (${(r.ms / 1000).toFixed(1)} s)${r.error ? ` — ${r.error}` : ''}${r.dir ? ` — kept in ${r.dir}` : ''}`);
      }
      const failed = results.filter((r) => !r.ok).length;
      console.log(`${results.length - failed} of ${results.length} scenario(s) passed`);
      if (o.junit) writeFileSync(o.junit, junitXml(results));
      if (failed > 0) process.exitCode = 1;
      // The agents' and the cloud's handles are closed; exit even if a library keeps a timer.
      setImmediate(() => process.exit());
    });
}
