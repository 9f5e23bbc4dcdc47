// A days-long outage (sync issue part 3): the pile synced once, then lost its cloud; its journal holds
// days of closed sessions (written straight into its outbox). The cloud comes back — started again on
// the same data and port — while a new session charges on the pile: that live session reaches the cloud
// ahead of the backlog, every backlog event arrives in order per session, every session is billed
// exactly once, and the outbox ends empty. (CI size; `npm run bench -- sync-drain` is full size.)
import { afterEach, expect, it } from 'vitest';
import { outageDepot, untilTrue as until, writeBacklog, type OutageDepot } from '../../index.js';
import { FAST_SESSION } from '../session/agent-on-rig.js';
import type { Agent } from '../../../pile-agent/index.js';
import { join } from 'node:path';

const BACKLOG_EVENTS = 1_500;
let d: OutageDepot | null = null;
let agent: Agent | null = null;
afterEach(async () => {
  await agent?.stop().catch(() => undefined);
  await d?.close();
  d = agent = null;
});

it('after days offline the backlog is delivered in order and billed once; a live session goes ahead of it', async () => {
  d = await outageDepot(FAST_SESSION);
  // 1. The pile syncs its station's whitelist once, then stops.
  agent = d.newAgent();
  await agent.start();
  await until('synced', () => agent!.introspection.whitelist.vehicleByVin(d!.vin) !== undefined);
  await agent.stop();
  // 2. The cloud goes away; the pile's journal fills with days of sessions.
  await d.cloud.close();
  const backlog = writeBacklog({
    dataDir: join(d.dir, 'pile'),
    pileId: d.pileId,
    stationId: d.station,
    cardNo: d.cardNo,
    memberId: String(d.member),
    departmentId: String(d.department),
    events: BACKLOG_EVENTS,
    endMs: Date.now() - 3_600_000,
  });
  // 3. The pile runs offline and a bus charges (decided from its cache).
  agent = d.newAgent();
  await agent.start();
  expect(agent.introspection.outboxCount()).toBe(BACKLOG_EVENTS);
  await d.rig.plug(1, { vin: d.vin, edition: '2015' });
  agent.commands.pressButton(1, 'vin-charge');
  await until('charging offline', () => agent!.introspection.connectors()[0].phase === 'charging');
  const live = agent.introspection.connectors()[0].sessionId!;
  // 4. The cloud comes back on the same data and port.
  const { db } = await d.restartCloud();
  const billedBacklog = () => db.prepare('SELECT count(*) FROM sessions WHERE session_id <> ?').pluck().get(live) as number;
  await until('the live session reached the cloud', () => db.prepare('SELECT 1 FROM live_sessions WHERE session_id = ?').get(live));
  expect(billedBacklog()).toBeLessThan(backlog.length / 2); // ahead of the backlog, not behind it
  await until('backlog drained', () => agent!.introspection.outboxCount() <= 5 && billedBacklog() === backlog.length, 60_000);
  // Every backlog session: all 10 events applied in order, closed, billed once.
  const rows = db.prepare('SELECT applied_seq AS seq, state FROM live_sessions WHERE session_id <> ?').all(live) as { seq: number; state: string }[];
  expect(rows).toHaveLength(backlog.length);
  expect(rows.every((r) => r.seq === 10 && r.state === 'closed')).toBe(true);
  expect(db.prepare("SELECT count(*) FROM ledger WHERE kind = 'session'").pluck().get()).toBe(backlog.length);
  expect(db.prepare('SELECT count(DISTINCT session_id) FROM ledger WHERE session_id IS NOT NULL').pluck().get()).toBe(backlog.length);
  expect(db.prepare('SELECT count(*) FROM disputed_sessions').pluck().get()).toBe(0);
}, 180_000);
