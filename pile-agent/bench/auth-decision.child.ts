// The decision half of `npm run bench -- auth`, in a fresh process that opens the cache exactly as
// the agent does (openDatabase + SqliteWhitelistRepo) and nothing else. Times whole decisions —
// credential stage, then the VIN stage, SQLite lookups included — over a seeded random mix of hits
// and misses, then a few plate searches, then reports the resident memory.
// Arguments: DB_PATH [tsx|compiled] [MIGRATIONS_DIR]. `tsx`: how bin/pile-agent.js runs today, prints
// every figure; `compiled`: this code bundled to plain JS, prints only the memory figures, suffixed.
import { openDatabase } from '../src/persistence/sqlite/db.js';
import { AGENT_MIGRATIONS_DIR, loadMigrations } from '../src/persistence/sqlite/migrations.js';
import { SqliteWhitelistRepo } from '../src/persistence/sqlite/whitelist.repo.js';
import { nullLogger } from '../src/shared/logger.js';
import { authorizeCredential, authorizeVin } from '../src/domain/authorization/authorize.js';
import type { AllowedAuthDecision, AuthPolicy, Credential, VinReading } from '../src/domain/authorization/authorize.types.js';
import { aVin } from '../src/domain/authorization/whitelist.builders.js';
import { benchCardNo, BENCH_SIZES } from './auth-decision.data.js';

const path = process.argv[2];
const runtime = process.argv[3] === 'compiled' ? 'compiled' : 'tsx';
if (!path) throw new Error('usage: auth-decision.child.ts DB_PATH [tsx|compiled] [MIGRATIONS_DIR]');
const line = (bench: string, metric: string, value: number, unit: string) => {
  if (runtime === 'tsx') console.log(JSON.stringify({ bench, metric, value, unit }));
  else if (bench === 'auth.memory') console.log(JSON.stringify({ bench, metric: `${metric}_compiled`, value, unit }));
};
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** mulberry32: a small seeded PRNG so every run draws the same mix. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The migrations dir comes from the loader: a bundled copy of this file does not sit next to it.
const { db } = openDatabase({ path, logger: nullLogger, migrations: loadMigrations(process.argv[4] ?? AGENT_MIGRATIONS_DIR) });
const repo = new SqliteWhitelistRepo({ db, logger: nullLogger });
const policy: AuthPolicy = { online: false, vinChargeEnabled: true };
const rand = prng(27930);
// Indices up to 120% of the sizes: about one draw in six is a miss (unknown card, unregistered VIN).
const pick = (n: number) => Math.floor(rand() * n * 1.2);

function oneSession(): number {
  const credential: Credential = rand() < 0.8 ? { kind: 'card', cardNo: benchCardNo(pick(BENCH_SIZES.cards)) } : { kind: 'vin-button' };
  const reading: VinReading = { vin: aVin(pick(BENCH_SIZES.vehicles)), vinStatus: 'valid' };
  const t0 = process.hrtime.bigint();
  const start = authorizeCredential(credential, repo, policy);
  if (start.verdict === 'allow') authorizeVin(start as AllowedAuthDecision, reading, repo, policy);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const pct = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const r3 = (x: number) => Number(x.toFixed(4));

const rssOpenMb = process.memoryUsage().rss / 1048576;
for (let i = 0; i < 2_000; i++) oneSession(); // warm-up: JIT, statement cache
const N = 100_000;
const samples = new Float64Array(N);
const wall0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) samples[i] = oneSession();
const wallS = Number(process.hrtime.bigint() - wall0) / 1e9;
samples.sort();
line('auth.decision', 'p50_ms', r3(pct(samples, 0.5)), 'ms');
line('auth.decision', 'p99_ms', r3(pct(samples, 0.99)), 'ms');
line('auth.decision', 'max_ms', r3(samples[N - 1]), 'ms');
line('auth.decision', 'decisions_per_s', Math.round(N / wallS), '1/s');

const plates = ['12345', 'A0001', '99999D', '沪A5', '3'];
const plateMs = plates
  .map((q) => {
    const t0 = process.hrtime.bigint();
    repo.findByPlate(q, 20);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  })
  .sort((a, b) => a - b);
line('auth.plate_search', 'max_ms', r3(plateMs[plateMs.length - 1]), 'ms');

gc();
const mem = process.memoryUsage();
line('auth.memory', 'rss_mb', Number((mem.rss / 1048576).toFixed(1)), 'MB');
line('auth.memory', 'rss_after_open_mb', Number(rssOpenMb.toFixed(1)), 'MB');
line('auth.memory', 'heap_used_mb', Number((mem.heapUsed / 1048576).toFixed(1)), 'MB');
console.error(`# ${runtime}: ${N} decisions in ${wallS.toFixed(2)} s; counts ${JSON.stringify(repo.counts())}`);
db.close();
