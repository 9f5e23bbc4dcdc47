// `npx bench check FILE...`: checks scenario files without running them (scenario-load.ts) — YAML,
// the schema and the references between sections. Prints every problem as `file:line:column path:
// message` on stderr and one `ok` line per good file on stdout; exit 1 when any file has a problem.
import type { Command } from 'commander';
import { formatIssue, loadScenarioFile } from '../scenarios/scenario-load.js';

export function register(program: Command): void {
  program
    .command('check')
    .description('check scenario files (YAML, schema, references) and print each problem with its line')
    .argument('<files...>', 'scenario files (.yaml)')
    .action((files: string[]) => {
      let bad = 0;
      for (const file of files) {
        const r = loadScenarioFile(file);
        if (r.ok) {
          console.log(`ok ${file}: ${r.value.steps.length} steps, ${r.value.depot.piles.length} pile(s) — ${r.value.scenario}`);
          continue;
        }
        bad++;
        for (const i of r.issues) console.error(formatIssue(i));
      }
      if (bad > 0) {
        console.error(`${bad} of ${files.length} file(s) refused`);
        process.exitCode = 1;
      }
    });
}
