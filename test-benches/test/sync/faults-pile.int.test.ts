// Sync faults with real processes (sync issue part 2): `pile-agent run` killed with SIGKILL in the
// middle of its first snapshot (a station of 20,000 buses) and in the middle of draining a backlog, then
// started again — its cache ends equal to the station's view (the digest both sides compute), every
// session billed exactly once; and 200 piles' links reconnecting after a broker restart, their
// reconnect times spread by the backoff's jitter.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { databasePath, openDatabase } from '../../../pile-agent/index.js';
import { MqttCloudLink } from '../../../pile-agent/drivers.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { openDatabase as openCloudDb, startCloud, stationViewDigest } from '../../../cloud-stub/index.js';
import { apiOf, freePort, pileDigest, runAgent, serveCloud, setUpFaultDepot, SimRig, untilTrue as until, writeBacklog, type ChildProc } from '../../index.js';

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

const trace = (what: string) => process.env.E2E_TRACE && console.error(`${new Date().toISOString()} ${what}`);

/** Records in a pile's outbox, read from its database file beside the running agent. */
function pileOutbox(dataDir: string): number {
  const { db } = openDatabase({ path: databasePath(dataDir), logger: nullLogger });
  try {
    return db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  } finally {
    db.close();
  }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-faults-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

it('a pile killed mid-snapshot and mid-drain: its cache converges to the station view, every session billed once', async () => {
  const dir = tempDir();
  const mqttPort = await freePort();
  const cloud = await serveCloud(join(dir, 'cloud'), mqttPort);
  cleanup.push(() => cloud.kill('SIGTERM'));
  const api = await apiOf(cloud.httpUrl);
  const d = await setUpFaultDepot(api, { pileId: 'KILL-1', vehicles: 20_000 });
  writeFileSync(join(dir, 'secret'), d.pile.secret);
  const rig = await SimRig.start();
  cleanup.push(() => rig.close());
  const configFile = rig.writeConfig(join(dir, 'agent.json'), {
    dataDir: join(dir, 'pile'),
    pileId: d.pile.pileId,
    stationId: d.station,
    cloud: { url: `mqtt://127.0.0.1:${mqttPort}`, passwordFile: join(dir, 'secret') },
  });
  const pileState = () => api('GET', `/api/v1/piles/${d.pile.pileId}`);
  trace('let agent: ChildProc = await r');
  let agent: ChildProc = await runAgent(configFile);
  cleanup.push(() => agent.kill());
  // Mid-snapshot: the pile is online and has not yet acknowledged its first whole view.
  await until('online', async () => (await pileState()).online, 30_000);
  trace("await agent.kill('SIGKILL');\n ");
  await agent.kill('SIGKILL');
  const partial = await pileState();
  expect(partial.whitelistVersion ?? 0).toBeLessThan(partial.stationVersion);
  trace('agent = await runAgent(configF');
  agent = await runAgent(configFile);
  trace('restarted');
  await until(
    'in step',
    async () => {
      const s = await pileState();
      return s.online && s.behind === 0;
    },
    60_000,
  );
  trace('in step');
  await agent.kill('SIGKILL'); // what it committed is what it holds
  trace('agent killed');
  const cloudDb = openCloudDb(join(dir, 'cloud'));
  cleanup.push(async () => cloudDb.close());
  trace('cloud db open');
  expect(pileDigest(join(dir, 'pile'))).toBe(stationViewDigest(cloudDb, d.station));
  trace('digests compared');

  // Mid-drain: days of sessions queued; killed once the cloud has billed some of them.
  trace('const backlog = writeBacklog(');
  const backlog = writeBacklog({
    dataDir: join(dir, 'pile'),
    pileId: d.pile.pileId,
    stationId: d.station,
    cardNo: d.cardNo,
    memberId: String(d.member),
    departmentId: String(d.department),
    events: 3_000,
    endMs: Date.now() - 3_600_000,
  });
  const billed = () => cloudDb.prepare("SELECT count(*) FROM ledger WHERE kind = 'session'").pluck().get() as number;
  agent = await runAgent(configFile);
  await until('draining', () => billed() > 0, 60_000);
  await agent.kill('SIGKILL');
  expect(billed()).toBeLessThan(backlog.length);
  agent = await runAgent(configFile);
  trace("await until('every session bil");
  await until('every session billed', () => billed() === backlog.length, 120_000);
  await until("the pile's outbox empty", () => pileOutbox(join(dir, 'pile')) === 0, 60_000);
  expect(cloudDb.prepare('SELECT count(DISTINCT session_id) FROM ledger WHERE session_id IS NOT NULL').pluck().get()).toBe(backlog.length);
  expect(cloudDb.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(backlog.length);
  expect(cloudDb.prepare('SELECT count(*) FROM disputed_sessions').pluck().get()).toBe(0);
  expect(cloud.proc.exitCode).toBeNull(); // the cloud is alive throughout
}, 300_000);

it("200 piles reconnect after a broker restart, spread out by the backoff's full jitter", async () => {
  const dir = tempDir();
  const mqttPort = await freePort();
  const opts = { dataDir: join(dir, 'cloud'), httpPort: 0, mqttPort, adminPassword: 'jitter-admin-pass' };
  let cloud = await startCloud(opts);
  cleanup.push(() => cloud.close());
  const api = await (async () => {
    const r = await fetch(`${cloud.httpUrl}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'jitter-admin-pass' }),
    });
    const token = ((await r.json()) as { token: string }).token;
    return async (path: string, body: unknown) =>
      (
        await fetch(`${cloud.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
      ).json() as Promise<any>;
  })();
  const station = (await api('/api/v1/stations', { name: '北站', tariff: { fenPerKwh: 100 } })).id;
  const links: MqttCloudLink[] = [];
  const online = new Map<number, number>();
  let restartedAt = Infinity;
  for (let i = 0; i < 200; i++) {
    const p = await api(`/api/v1/stations/${station}/piles`, { pileId: `J${i}`, connectors: 1 });
    const link = new MqttCloudLink({ url: `mqtt://127.0.0.1:${mqttPort}`, pileId: p.pileId, username: p.pileId, password: p.secret, keepaliveS: 60, clock: systemClock, logger: nullLogger });
    link.onState((s) => {
      if (s === 'online' && Date.now() >= restartedAt) online.set(i, Date.now());
    });
    links.push(link);
  }
  cleanup.push(async () => Promise.all(links.map((l) => l.close())));
  await Promise.all(links.map((l) => l.start()));
  await until('all online', () => links.every((l) => l.state() === 'online'), 60_000);
  await cloud.close(); // the broker goes down
  await until('all offline', () => links.every((l) => l.state() !== 'online'), 30_000);
  await new Promise((r) => setTimeout(r, 4_000)); // the links keep retrying, each on its own random schedule
  restartedAt = Date.now();
  cloud = await startCloud(opts);
  await until('all back', () => online.size === 200, 120_000);
  const times = [...online.values()].map((t) => t - restartedAt).sort((a, b) => a - b);
  // Spread: the reconnects span more than a second, and no 100 ms window holds half of them.
  expect(times[times.length - 1] - times[0]).toBeGreaterThan(1_000);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] > 100) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  expect(busiest).toBeLessThan(100);
}, 300_000);
