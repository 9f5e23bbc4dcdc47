// Benchmark sync.full: a new pile's first full sync of a station view with 100,000 vehicles and
// 100,000 cards over MQTT (embedded broker, loopback) — from its hello until it decides from its own
// SQLite cache (the last snapshot part applied in one transaction, a card looked up). Goal ≤ 5 s.
// Also the bytes on the wire per entry. `npm run bench -- sync`
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../../pile-agent/ports.js';
import { openDatabase, SqliteWhitelistRepo } from '../../pile-agent/index.js';
import { BenchPile, benchDepot, emit } from './sync-kit.js';

const N = Number(process.env.SYNC_BENCH_ENTRIES ?? 100_000);
const depot = await benchDepot({ piles: 1, vehicles: N, cards: N });
const dir = mkdtempSync(join(tmpdir(), 'pilegate-sync-full-'));
const { db } = openDatabase({ path: join(dir, 'agent.db'), logger: nullLogger });
const repo = new SqliteWhitelistRepo({ db, logger: nullLogger });
const pile = await BenchPile.connect(depot.cloud.mqttUrl, depot.piles[0]);
try {
  const staged: unknown[] = [];
  let firstPageMs = 0;
  let lastPageMs = 0;
  const done = new Promise<{ entries: number }>((resolve, reject) => {
    pile.on((kind, m) => {
      if (kind !== 'whitelist/page') return;
      if (!firstPageMs) firstPageMs = performance.now();
      staged.push(...m.page.changes);
      if (m.page.part !== m.page.parts) return;
      lastPageMs = performance.now();
      const r = repo.applyPage({ kind: 'snapshot', toVersion: m.page.toVersion, changes: staged });
      if (!r.ok) reject(new Error(JSON.stringify(r.error)));
      else resolve({ entries: staged.length });
    });
  });
  const t0 = performance.now();
  await pile.hello(depot.station, 0);
  const { entries } = await done;
  if (!repo.card(`C${String(N - 1).padStart(9, '0')}`)) throw new Error('the last card is not in the cache');
  const s = (performance.now() - t0) / 1000;
  emit('sync.full', 'seconds_to_decide', s, 's');
  emit('sync.full', 'entries', entries, '1');
  emit('sync.full', 'first_page_ms', firstPageMs - t0, 'ms');
  emit('sync.full', 'transfer_ms', lastPageMs - firstPageMs, 'ms');
  emit('sync.full', 'apply_ms', performance.now() - lastPageMs, 'ms');
  emit('sync.full', 'bytes_per_entry', pile.bytesIn / entries, 'B');
} finally {
  await pile.close();
  db.close();
  await depot.cloud.close();
}
