// Benchmark sync.drain: a 10,000-event backlog (days of closed sessions in the pile's outbox) drained
// after the cloud comes back — the composed agent on the sim rig against a real cloud restarted on the
// same data and port — in events per second (goal ≥ 2,000/s), every session billed once; and how long a
// session started during the drain takes to reach the cloud (goal ≤ 2 s).
import { join } from 'node:path';
import { outageDepot, untilTrue as until, writeBacklog } from '../index.js';
import { emit } from './sync-kit.js';

const EVENTS = Number(process.env.SYNC_DRAIN_EVENTS ?? 10_000);
const d = await outageDepot({ meterSampleIntervalMs: 1_000 });
let agent = d.newAgent();
try {
  await agent.start();
  await until('synced', () => agent.introspection.whitelist.vehicleByVin(d.vin) !== undefined);
  await agent.stop();
  await d.cloud.close();
  const backlog = writeBacklog({
    dataDir: join(d.dir, 'pile'),
    pileId: d.pileId,
    stationId: d.station,
    cardNo: d.cardNo,
    memberId: String(d.member),
    departmentId: String(d.department),
    events: EVENTS,
    endMs: Date.now() - 3_600_000,
  });
  agent = d.newAgent();
  await agent.start();
  const t0 = performance.now();
  const { db } = await d.restartCloud();
  const billed = () => db.prepare("SELECT count(*) FROM ledger WHERE kind = 'session'").pluck().get() as number;
  // A bus arrives once the drain is under way.
  await until('draining', () => billed() > 0, 60_000);
  await d.rig.plug(1, { vin: d.vin, edition: '2015' });
  agent.commands.pressButton(1, 'vin-charge');
  const live = await until('live session started', () => agent.introspection.connectors()[0].sessionId, 30_000);
  const tLive = performance.now();
  const backlogLeft = agent.introspection.outboxCount();
  await until('live session in the cloud', () => db.prepare('SELECT 1 FROM live_sessions WHERE session_id = ?').get(live), 60_000);
  const liveMs = performance.now() - tLive;
  await until('backlog billed', () => billed() === backlog.length, 300_000);
  const s = (performance.now() - t0) / 1000;
  emit('sync.drain', 'events', EVENTS, '1');
  emit('sync.drain', 'events_per_s', EVENTS / s, '1/s');
  emit('sync.drain', 'seconds', s, 's');
  emit('sync.drain', 'live_session_to_cloud_ms', liveMs, 'ms');
  emit('sync.drain', 'backlog_left_when_live_started', backlogLeft, '1');
} finally {
  await agent.stop().catch(() => undefined);
  await d.close();
}
