// `npx bench load --piles N --connectors C --sessions M [--agents K] [--agent-sessions R] [--changes V]
// [--change-every MS]`:
// one cloud against N piles (K real agents, the rest lightweight contract clients; src/load/load-run.ts)
// and its figures as JSON lines on stdout — sessions per second, decision latency, sync lag p50/p99,
// the cloud's CPU share and peak resident memory; progress on stderr. Exit 1 if the run failed.
import type { Command } from 'commander';
import { runLoad } from '../load/load-run.js';

const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer ${min}–${max}`);
  return n;
};

export function register(program: Command): void {
  program
    .command('load')
    .description("one cloud against many piles: sessions/s, decision latency, sync lag, the cloud's CPU and memory (JSON lines)")
    .requiredOption('--piles <n>', 'piles in all', int('piles', 1, 10_000))
    .option('--connectors <n>', 'connectors per light pile', int('connectors', 1, 8), 2)
    .option('--sessions <n>', 'finished sessions the light piles report', int('sessions', 0, 10_000_000), 10_000)
    .option('--agents <n>', 'real agents among the piles (default min(piles, 2))', int('agents', 0, 50))
    .option('--agent-sessions <n>', 'sessions each real agent charges', int('agent-sessions', 0, 100), 3)
    .option('--changes <n>', 'vehicles the operator registers while the piles listen (sync lag)', int('changes', 1, 1000), 20)
    .option('--change-every <ms>', 'pause between two of those registrations', int('change-every', 0, 60_000), 100)
    .action(async (o: { piles: number; connectors: number; sessions: number; agents?: number; agentSessions: number; changes: number; changeEvery: number }) => {
      const emit = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: 'load', metric, value: Math.round(value * 100) / 100, unit }));
      try {
        const f = await runLoad({ ...o, changeEveryMs: o.changeEvery, say: (l) => console.error(l) });
        emit('piles', f.piles, '1');
        emit('agents', f.agents, '1');
        emit('sessions', f.sessions, '1');
        emit('sessions_per_s', f.sessionsPerS, '1/s');
        if (f.decisionP50Ms !== null && f.decisionP99Ms !== null) {
          emit('decision_latency_p50_ms', f.decisionP50Ms, 'ms');
          emit('decision_latency_p99_ms', f.decisionP99Ms, 'ms');
        }
        if (f.syncLagP50Ms !== null && f.syncLagP99Ms !== null) {
          emit('sync_lag_p50_ms', f.syncLagP50Ms, 'ms');
          emit('sync_lag_p99_ms', f.syncLagP99Ms, 'ms');
        }
        emit('cloud_cpu_percent', f.cloudCpuPercent, '%');
        emit('cloud_rss_peak_mb', f.cloudRssPeakMb, 'MB');
        emit('setup_s', f.setupS, 's');
      } catch (e) {
        console.error(`load: ${(e as Error).message}`);
        process.exitCode = 1;
      }
    });
}
