// `pile-agent profile check FILE…`: validates charger profiles (schema, cross-references, meter
// maps) and prints every problem with its path in the file; exit 1 on any error, 0 with a one-line
// summary per file otherwise. Also accepts register maps (files under meters/ or with a `registers:` key).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkMeterMapFile, checkProfileFile, formatIssue, profileFile, type ProfileIssue } from '../../../hw-profiles/index.js';

function checkOne(arg: string): { file: string; issues: readonly ProfileIssue[]; summary?: string } {
  const file = profileFile(arg);
  let isMap = false;
  try {
    isMap = /^registers:/m.test(readFileSync(file, 'utf8'));
  } catch {
    /* reported by the checker */
  }
  if (isMap) {
    const r = checkMeterMapFile(file);
    return { file, issues: r.issues, summary: r.map && `meter map ${r.map.id}: ${r.map.vendor} ${r.map.model}, ${r.map.samples.length} sample(s)` };
  }
  const r = checkProfileFile(file);
  const p = r.profile;
  return {
    file,
    issues: r.issues,
    summary: p && `profile ${p.id}: ${p.connectors.length} connector(s), ${p.rs485.length} RS-485 bus(es), meters ${[...new Set(p.connectors.map((c) => c.meter.map))].join(', ')}`,
  };
}

export function register(program: Command): void {
  program
    .command('profile')
    .description('charger hardware profiles (hw-profiles)')
    .command('check')
    .description('validate profile or meter-map files; print every error with its path; exit 1 on errors')
    .argument('<files...>', 'YAML files or shipped profile ids (sim, reference/dc120-2gun)')
    .action((files: string[]) => {
      let failed = 0;
      for (const f of files) {
        const r = checkOne(f);
        if (r.issues.length) {
          failed++;
          for (const i of r.issues) console.error(formatIssue(r.file, i));
        } else console.log(`ok ${r.file}: ${r.summary}`);
      }
      process.exitCode = failed ? 1 : 0;
    });
}
