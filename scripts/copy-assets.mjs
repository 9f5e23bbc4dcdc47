#!/usr/bin/env node
// After `tsc` has written dist/, copies the data files the code reads at run time next to the
// compiled modules: SQL migrations, hardware profiles and register maps (YAML), JSON schemas; and
// stamps the build with the newest source time (source-stamp.mjs).
// Usage: node scripts/copy-assets.mjs [OUT_DIR]   (default dist)
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSourceMs, STAMP_FILE } from './source-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist');
const EXT = /\.(sql|ya?ml|json)$/;
let copied = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'test' || name === 'fixtures' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (EXT.test(name)) {
      const target = join(out, relative(root, p));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(p, target);
      copied++;
    }
  }
}
for (const folder of ['pile-agent', 'cloud-stub', 'hw-profiles', 'test-benches']) walk(join(root, folder));
// What the build was made from: bin/ runs dist/ only while no source is newer than this.
writeFileSync(join(out, STAMP_FILE), `${newestSourceMs(root)}\n`);
console.error(`copied ${copied} data files to ${relative(root, out) || out}`);
