// `npm run bench -- auth`: builds an on-disk whitelist cache of 100,000 vehicles and 100,000 cards
// (200 departments) through the real page API (one snapshot page), then runs the decision part in
// a fresh process (auth-decision.child.ts) that only opens the cache, so its latency and resident
// memory are the agent's, not this bulk loader's. That process runs twice: through tsx (as
// bin/pile-agent.js runs the agent today; tsx's loader thread alone costs about 40 MB of RSS) and,
// when esbuild (tsx's own dependency) is there, bundled to plain JS as a compiled agent would run.
// Prints JSON lines; chatter goes to stderr.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nullLogger } from '../src/shared/logger.js';
import { openDatabase } from '../src/persistence/sqlite/db.js';
import { AGENT_MIGRATIONS_DIR } from '../src/persistence/sqlite/migrations.js';
import { SqliteWhitelistRepo } from '../src/persistence/sqlite/whitelist.repo.js';
import { aCard, aDepartment, aVehicle, aVin, snapshotPage } from '../src/domain/authorization/whitelist.builders.js';
import { benchCardNo, BENCH_SIZES } from './auth-decision.data.js';

const line = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: 'auth.cache', metric, value, unit }));
const { vehicles: VEHICLES, cards: CARDS, departments: DEPARTMENTS } = BENCH_SIZES;

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles the decision process to one ES module (native and npm packages left external). */
async function bundle(entry: string, outfile: string): Promise<string | null> {
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
    return outfile;
  } catch (e) {
    console.error(`# bundling failed: ${(e as Error).message}`);
    return null;
  }
}
const dir = mkdtempSync(join(tmpdir(), 'pilegate-bench-auth-'));
try {
  const path = join(dir, 'agent.db');
  const deptId = (i: number) => `D${i % DEPARTMENTS}`;
  const page = snapshotPage(1_000_000, {
    departments: Array.from({ length: DEPARTMENTS }, (_, i) =>
      aDepartment({
        id: `D${i}`,
        name: `车队${i}`,
        vinOnly: i % 2 === 0,
        boundHere: i % 4 !== 3,
        canPay: i % 10 !== 9,
      }),
    ),
    vehicles: Array.from({ length: VEHICLES }, (_, i) => aVehicle({ vin: aVin(i), plate: `沪A${String(i).padStart(5, '0')}D`, departmentId: deptId(i) })),
    cards: Array.from({ length: CARDS }, (_, i) =>
      aCard({
        cardNo: benchCardNo(i),
        memberId: `M${i}`,
        memberName: `沪A${String(i).padStart(5, '0')}D`,
        departmentId: i % 1000 === 0 ? null : deptId(i),
        stationAdmin: i % 1000 === 0,
        memberKind: i % 1000 === 0 ? 'virtual' : 'real',
      }),
    ),
  });
  const { db } = openDatabase({ path, logger: nullLogger });
  const repo = new SqliteWhitelistRepo({ db, logger: nullLogger });
  const t0 = process.hrtime.bigint();
  const applied = repo.applyPage(page);
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!applied.ok) throw new Error(`snapshot rejected: ${JSON.stringify(applied.error)}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.error(`# cache built: ${VEHICLES} vehicles, ${CARDS} cards, ${DEPARTMENTS} departments in ${loadS.toFixed(2)} s`);
  line('snapshot_apply_s', Number(loadS.toFixed(3)), 's');
  line('db_file_mb', Number((statSync(path).size / 1048576).toFixed(1)), 'MB');

  const childTs = join(here, 'auth-decision.child.ts');
  const run = (args: string[]) => {
    const child = spawnSync(process.execPath, ['--expose-gc', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) throw new Error(`decision process failed with status ${child.status}`);
  };
  run(['--import', 'tsx', childTs, path, 'tsx', AGENT_MIGRATIONS_DIR]);
  // Inside node_modules/.cache so that the bundle's bare imports (better-sqlite3, zod) resolve.
  const bundled = await bundle(childTs, join(here, '..', '..', 'node_modules', '.cache', 'pilegate-bench', 'auth-decision.child.mjs'));
  if (bundled) run([bundled, path, 'compiled', AGENT_MIGRATIONS_DIR]);
  else console.error('# esbuild not available: compiled-runtime memory figure skipped');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
