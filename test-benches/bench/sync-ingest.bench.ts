// Benchmark sync.ingest: finished sessions the cloud ingests and bills through MQTT — one pile sends
// complete sessions (started, stopped: the record) in `session/events` batches of 500 events and
// waits for each `session/ack`; sessions per second, every one billed once (checked against the
// ledger at the end), on the embedded broker and on mosquitto in the same run (sync.ingest.embedded /
// .mosquitto). Goal ≥ 5,000/s. `npm run bench -- sync`
import { randomUUID } from 'node:crypto';
import { finishedSessionEvents } from '../src/load/finished-session.js';
import { BENCH_BROKERS, BenchPile, benchDepot, emit, type BenchBroker } from './sync-kit.js';

const SESSIONS = Number(process.env.SYNC_BENCH_SESSIONS ?? 20_000);
const PER_BATCH = 250;

for (const broker of BENCH_BROKERS) await run(broker);

async function run(broker: BenchBroker): Promise<void> {
  const depot = await benchDepot({ piles: 1, broker });
  // The fleet card the sessions name: the cloud checks every payer against its own registry.
  const member = await depot.call('POST', '/api/v1/members', { kind: 'virtual', name: '基准车队卡', departmentId: depot.department });
  await depot.call('POST', `/api/v1/members/${member.id}/cards`, { cardNo: 'BENCH001' });
  const pile = await BenchPile.connect(depot.cloud.mqttUrl, depot.piles[0]);
  const pileId = depot.piles[0].pileId;
  const T0 = Date.now() - 3 * 3_600_000;
  const session = (i: number) => finishedSessionEvents({ pileId, stationId: depot.station, connectorId: 1, departmentId: depot.department, cardNo: 'BENCH001', startMs: T0 + i });

  try {
    const acks = new Map<string, () => void>();
    pile.on((kind, m) => kind === 'session/ack' && acks.get(m.re)?.());
    const batches: unknown[][] = [];
    for (let i = 0; i < SESSIONS; i += PER_BATCH) batches.push(Array.from({ length: Math.min(PER_BATCH, SESSIONS - i) }, (_, j) => session(i + j)).flat());
    const t0 = performance.now();
    // Two batches in flight, as the pile's drain keeps the link busy while the cloud applies.
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const events = batches[next++];
        const id = randomUUID();
        const acked = new Promise<void>((resolve) => acks.set(id, resolve));
        await pile.client.publishAsync(`pilegate/v1/piles/${pileId}/up/session/events`, JSON.stringify({ v: 1, id, at: new Date().toISOString(), events }), { qos: 1 });
        await acked;
      }
    };
    await Promise.all([worker(), worker()]);
    const s = (performance.now() - t0) / 1000;
    const billed = depot.cloud.db.prepare("SELECT count(*) FROM ledger WHERE kind = 'session'").pluck().get() as number;
    if (billed !== SESSIONS) throw new Error(`billed ${billed} of ${SESSIONS}`);
    emit(`sync.ingest.${broker}`, 'sessions', SESSIONS, '1');
    emit(`sync.ingest.${broker}`, 'sessions_per_s', SESSIONS / s, '1/s');
  } finally {
    await pile.close();
    await depot.close();
  }
}
