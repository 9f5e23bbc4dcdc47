// `npx bench load` as a process, small: one cloud, one real agent and three light piles; every
// figure comes out as a JSON line with a plausible value, and the run itself checked that the cloud
// holds each session once (it exits 1 otherwise).
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

it('bench load prints sessions/s, decision latency, sync lag and the cloud usage as JSON lines', async () => {
  const child = spawn(process.execPath, ['bin/bench.js', 'load', '--piles', '4', '--agents', '1', '--agent-sessions', '1', '--sessions', '300', '--changes', '3'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  expect(code, err).toBe(0);
  const figures = new Map(
    out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { bench: string; metric: string; value: number })
      .map((j) => [j.metric, j.value]),
  );
  expect(figures.get('piles')).toBe(4);
  expect(figures.get('agents')).toBe(1);
  expect(figures.get('sessions')).toBe(300);
  expect(figures.get('sessions_per_s')).toBeGreaterThan(0);
  expect(figures.get('decision_latency_p50_ms')).toBeGreaterThanOrEqual(0);
  expect(figures.get('decision_latency_p99_ms')).toBeLessThan(5_000);
  expect(figures.get('sync_lag_p99_ms')).toBeGreaterThan(0);
  expect(figures.get('sync_lag_p99_ms')).toBeLessThan(60_000);
  expect(figures.get('cloud_cpu_percent')).toBeGreaterThan(0);
  expect(figures.get('cloud_rss_peak_mb')).toBeGreaterThan(20);
}, 240_000);
