// Benchmark sync.fanout: one registry change through the HTTP API until each of 200 connected piles
// has applied it (lightweight pile clients speaking the contract, each applying pages to the pile's
// in-memory whitelist repository). p50/p99 over every pile and round, on the embedded broker and on
// mosquitto in the same run (sync.fanout.embedded / .mosquitto). Goal p99 ≤ 500 ms.
// `npm run bench -- sync`
import { MemoryWhitelistRepo } from '../../pile-agent/index.js';
import { BENCH_BROKERS, BenchPile, benchDepot, benchVin, emit, pct, type BenchBroker } from './sync-kit.js';

const PILES = Number(process.env.SYNC_BENCH_PILES ?? 200);
const ROUNDS = Number(process.env.SYNC_BENCH_ROUNDS ?? 10);

for (const broker of BENCH_BROKERS) await run(broker);

async function run(broker: BenchBroker): Promise<void> {
  const depot = await benchDepot({ piles: PILES, vehicles: 100, broker });
  const piles: { pile: BenchPile; repo: MemoryWhitelistRepo; waiting: Map<string, (t: number) => void> }[] = [];
  try {
    for (const p of depot.piles) {
      const pile = await BenchPile.connect(depot.cloud.mqttUrl, p);
      const repo = new MemoryWhitelistRepo();
      const waiting = new Map<string, (t: number) => void>();
      const staged: unknown[] = [];
      const ready = new Promise<void>((resolve) => {
        pile.on((kind, m) => {
          if (kind !== 'whitelist/page') return;
          let page = m.page;
          if (page.kind === 'snapshot' && page.parts > 1) {
            staged.push(...page.changes);
            if (page.part !== page.parts) return;
            page = { kind: 'snapshot', toVersion: page.toVersion, changes: staged.splice(0) };
          }
          const r = repo.applyPage(page);
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          void pile.send('whitelist/ack', { re: m.id, version: r.value.version });
          resolve();
          for (const c of page.changes) waiting.get(c.key)?.(performance.now());
        });
      });
      await pile.hello(depot.station, 0);
      await ready;
      piles.push({ pile, repo, waiting });
    }
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const vin = benchVin(1_000_000 + round);
      const applied = piles.map((p) => new Promise<number>((resolve) => p.waiting.set(vin, resolve)));
      const t0 = performance.now();
      await depot.call('POST', '/api/v1/vehicles', { vin, plate: `沪F${String(round).padStart(4, '0')}D`, departmentId: depot.department });
      for (const t of await Promise.all(applied)) samples.push(t - t0);
    }
    samples.sort((a, b) => a - b);
    emit(`sync.fanout.${broker}`, 'piles', PILES, '1');
    emit(`sync.fanout.${broker}`, 'p50', pct(samples, 50), 'ms');
    emit(`sync.fanout.${broker}`, 'p99', pct(samples, 99), 'ms');
    emit(`sync.fanout.${broker}`, 'max', samples[samples.length - 1], 'ms');
  } finally {
    for (const p of piles) await p.pile.close();
    await depot.close();
  }
}
