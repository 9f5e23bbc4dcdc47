#!/usr/bin/env node
// `npm run bench -- NAME...`: runs every benchmark file whose name starts with one of the NAMEs
// (all of them with no NAME). Benchmarks live in <folder>/bench/*.bench.ts and print one JSON line
// per figure on stdout: {"bench": "...", "metric": "...", "value": N, "unit": "..."}.
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = [];
for (const folder of ['pile-agent', 'cloud-stub', 'hw-profiles', 'test-benches']) {
  const dir = join(root, folder, 'bench');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.bench.ts')) continue;
    const id = basename(f, '.bench.ts');
    if (names.length === 0 || names.some((n) => id === n || id.startsWith(`${n}-`) || id.startsWith(`${n}.`))) files.push(join(dir, f));
  }
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  // What each bench measures: the opening sentence of its header comment.
  console.log('usage: npm run bench -- [NAME...]   (no NAME: every bench; NAME matches a file name or its prefix before - or .)\n');
  for (const f of files) {
    const head = readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .map((l) => l.replace(/^\/\/ ?/, ''))
      .join(' ');
    const sentence = head
      .split(/(?<=[.!?])\s/)[0]
      .replace(/`npm run bench -- \S+`/, '')
      .replace(/^:\s*/, '')
      .trim();
    console.log(
      `${basename(f, '.bench.ts').padEnd(18)} ${f
        .slice(root.length + 1)
        .split('/')[0]
        .padEnd(13)} ${sentence}`,
    );
  }
  process.exit(0);
}
if (files.length === 0) {
  console.error(`no benchmark matches ${names.join(' ') || '(any)'}`);
  process.exit(2);
}
let failed = 0;
for (const f of files) {
  console.error(`# ${f.slice(root.length + 1)}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', f], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
