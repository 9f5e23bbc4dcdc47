// Benchmark trust: how the cloud holds up while one pile, with only its own valid credentials, floods
// it — whitelist requests for a whole snapshot of a 20,000-vehicle station, malformed and poison event
// messages (deep nesting, oversized strings, conflicting resends) — and an operator uses the HTTP API.
// The cloud runs in its own process (trust-cloud.child.ts, bundled to plain JavaScript). Figures: API latency p50/p99
// during the flood (goal p99 < 50 ms); the cloud's RSS idle (after set-up) and its peak while flooded,
// sampled every 20 ms (goal < 300 MB); the messages refused.
// `npm run bench -- trust`
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BenchPile, emit, pct } from './sync-kit.js';

const REQUESTS = Number(process.env.TRUST_BENCH_REQUESTS ?? 300);
const POISON = Number(process.env.TRUST_BENCH_POISON ?? 300);
const here = dirname(fileURLToPath(import.meta.url));

/** The cloud as a controller or server runs it: plain JavaScript (bundled by esbuild, tsx's own dependency), not through tsx. */
async function cloudEntry(): Promise<string[]> {
  try {
    const esbuild = await import('esbuild');
    // Inside the repository, so the bundle's external packages resolve from node_modules.
    mkdirSync(join(here, '..', '..', 'node_modules', '.cache'), { recursive: true });
    const outfile = join(mkdtempSync(join(here, '..', '..', 'node_modules', '.cache', 'pilegate-trust-')), 'cloud.mjs');
    await esbuild.build({ entryPoints: [join(here, 'trust-cloud.child.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
    cpSync(join(here, '..', '..', 'cloud-stub', 'src', 'persistence', 'sqlite', 'migrations'), join(dirname(outfile), 'migrations'), { recursive: true });
    return [outfile];
  } catch (e) {
    console.error(`# bundling failed (${(e as Error).message}); running the cloud through tsx`);
    return ['--import', 'tsx', join(here, 'trust-cloud.child.ts')];
  }
}
const child = spawn(process.execPath, ['--expose-gc', ...(await cloudEntry())], {
  stdio: ['ignore', 'pipe', 'inherit'],
  cwd: join(here, '..', '..'),
  env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
});
const info = await new Promise<{ httpUrl: string; mqttUrl: string; pile: { pileId: string; secret: string }; token: string; station: number }>((resolve, reject) => {
  const rl = createInterface({ input: child.stdout! });
  rl.once('line', (l) => resolve(JSON.parse(l)));
  child.once('exit', (code) => reject(new Error(`the cloud exited ${code}`)));
});
const rss = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024;

const pile = await BenchPile.connect(info.mqttUrl, info.pile);
let refused = 0;
let pageBytes = 0;
pile.on((kind, _m, bytes) => {
  if (kind === 'error') refused++;
  if (kind === 'whitelist/page') pageBytes += bytes;
});
try {
  const rssBefore = rss('VmRSS');
  const latencies: number[] = [];
  let flooding = true;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss('VmRSS'))), 20);
  const api = (async () => {
    while (flooding) {
      const t0 = performance.now();
      const r = await fetch(`${info.httpUrl}/api/v1/piles/${info.pile.pileId}`, { headers: { authorization: `Bearer ${info.token}` } });
      await r.arrayBuffer();
      latencies.push(performance.now() - t0);
      await new Promise((res) => setTimeout(res, 5));
    }
  })();
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const sessionId = '3f2b8c1e-8d4a-4e3b-9a51-2c7d0e6f1a20';
  const event = (seq: number, data: unknown) => ({ key: `${sessionId}:${seq}`, kind: 'session.meter', pileId: info.pile.pileId, connectorId: 1, sessionId, seq, at: new Date().toISOString(), data });
  const t0 = performance.now();
  const flood: Promise<unknown>[] = [];
  for (let i = 0; i < Math.max(REQUESTS, POISON); i++) {
    if (i < REQUESTS) flood.push(pile.send('whitelist/request', { fromVersion: 0, reason: 'gap' }));
    if (i < POISON) {
      const kind = i % 3;
      if (kind === 0) flood.push(pile.client.publishAsync(`pilegate/v1/piles/${info.pile.pileId}/up/session/events`, `{"v":1,"id":"p${i}","at":"2026-01-01T00:00:00Z","events":${deep}}`, { qos: 1 }));
      else if (kind === 1) flood.push(pile.send('session/events', { events: [event(2 + i, { energyWh: 1, powerW: 1, note: 'x'.repeat(200_000) })] }));
      else flood.push(pile.send('session/events', { events: [event(2 + (i % 50), { energyWh: i, powerW: 1 })] })); // held behind a gap, then conflicting resends
    }
  }
  await Promise.all(flood);
  // Let the cloud work through what it received while the API keeps being measured.
  const settle = Date.now() + 3_000;
  while (Date.now() < settle) await new Promise((r) => setTimeout(r, 100));
  flooding = false;
  await api;
  clearInterval(sampler);
  const s = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  emit('trust.api', 'requests_during_flood', latencies.length, '1');
  emit('trust.api', 'p50_ms', pct(latencies, 50), 'ms');
  emit('trust.api', 'p99_ms', pct(latencies, 99), 'ms');
  emit('trust.api', 'max_ms', latencies[latencies.length - 1], 'ms');
  emit('trust.cloud', 'rss_idle_mb', rssBefore / 1e6, 'MB');
  emit('trust.cloud', 'rss_peak_during_flood_mb', rssPeak / 1e6, 'MB');
  emit('trust.cloud', 'rss_growth_mb', (rssPeak - rssBefore) / 1e6, 'MB');
  emit('trust.flood', 'messages', REQUESTS + POISON, '1');
  emit('trust.flood', 'seconds', s, 's');
  emit('trust.flood', 'error_replies', refused, '1');
  emit('trust.flood', 'page_bytes_sent', pageBytes, 'B');
} finally {
  await pile.close();
  child.kill('SIGTERM');
}
