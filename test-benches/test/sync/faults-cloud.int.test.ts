// Sync faults on the cloud's side (sync issue part 2), the composed agent on the sim rig: the cloud
// (`cloud-stub serve`) killed with SIGKILL while a bus charges and restarted on the same data; mosquitto
// stopped and started again under `serve --broker`; and hostile downlinks straight into the pile's
// down/ topics with the cloud's own broker identity — pages duplicated and reordered, a command
// delivered twice, a stop for a session that ended, malformed, oversized and wrongly-versioned
// messages — on piles whose clocks are 3 hours fast or slow. After each: the session billed exactly
// once, the pile's cache equal to the station view by digest, both sides alive.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../hw-profiles/index.js';
import { composeAgent, validateConfig, type Agent } from '../../../pile-agent/index.js';
import { nullLogger, systemClock, type Clock } from '../../../pile-agent/ports.js';
import { vinCheckDigit } from '../../../pile-agent/protocols.js';
import { downTopic } from '../../../pile-agent/contract.js';
import { openDatabase as openCloudDb, startCloud, stationViewDigest, stationViews, type RunningCloud } from '../../../cloud-stub/index.js';
import { apiOf, ChildProc, freePort, MosquittoRunner, serveCloud, setUpFaultDepot, SimRig, untilTrue as until, type Api, type FaultDepot } from '../../index.js';

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

const trace = (what: string) => process.env.E2E_TRACE && console.error(`${new Date().toISOString()} ${what}`);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-faults-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function agentOn(dir: string, d: FaultDepot, url: string, clock: Clock = systemClock): Promise<{ agent: Agent; rig: SimRig }> {
  writeFileSync(join(dir, 'secret'), d.pile.secret);
  const rig = await SimRig.start();
  cleanup.push(() => rig.close());
  const config = validateConfig(
    rig.agentConfig({
      dataDir: join(dir, 'pile'),
      pileId: d.pile.pileId,
      stationId: d.station,
      session: { meterSampleIntervalMs: 500, resetViewMs: 1_000 },
      cloud: { url, passwordFile: join(dir, 'secret') },
    }),
  );
  if (!config.ok) throw new Error(JSON.stringify(config.error));
  const agent = composeAgent({ config: config.value, profile: loadProfile('sim', { overrides: config.value.devices }), clock, logger: nullLogger });
  await agent.start();
  cleanup.push(() => agent.stop());
  await until('synced', () => agent.introspection.sync?.status().link === 'online' && agent.introspection.whitelist.vehicleByVin(d.vin) !== undefined, 30_000);
  return { agent, rig };
}

const phase = (a: Agent) => a.introspection.connectors()[0].phase;

/** A bus charges; `during` runs while it does; it is stopped with the fleet's stop password. */
async function chargeThrough(agent: Agent, rig: SimRig, vin: string, during: () => Promise<void>): Promise<string> {
  await rig.plug(1, { vin, edition: '2015' });
  agent.commands.pressButton(1, 'vin-charge');
  await until('charging', () => phase(agent) === 'charging', 30_000);
  const id = agent.introspection.connectors()[0].sessionId!;
  await during();
  await until('energy', () => agent.introspection.recentSessions(1)[0].lastMeterWh > agent.introspection.recentSessions(1)[0].meterStartWh, 20_000);
  agent.commands.enterPassword(1, '8888');
  await until('finished', () => phase(agent) === 'finished', 30_000);
  return id;
}

const billedOnce = async (api: Api, sessionId: string) => {
  const s = await until('billed', async () => ((await api('GET', '/api/v1/sessions')).items as { sessionId: string }[]).filter((x) => x.sessionId === sessionId).length === 1 || undefined, 30_000);
  return s;
};

describe('the cloud and the broker go away and come back', () => {
  it('cloud-stub serve killed with SIGKILL while a bus charges, restarted on the same data: billed once, in step', async () => {
    const dir = tempDir();
    const mqttPort = await freePort();
    let cloud = await serveCloud(join(dir, 'cloud'), mqttPort);
    cleanup.push(() => cloud.kill('SIGTERM'));
    const d = await setUpFaultDepot(await apiOf(cloud.httpUrl), { pileId: 'CK-1' });
    const { agent, rig } = await agentOn(dir, d, `mqtt://127.0.0.1:${mqttPort}`);
    const sessionId = await chargeThrough(agent, rig, d.vin, async () => {
      await cloud.kill('SIGKILL');
      await until('link down', () => agent.introspection.sync!.status().link !== 'online', 20_000);
    });
    cloud = await serveCloud(join(dir, 'cloud'), mqttPort);
    const api = await apiOf(cloud.httpUrl);
    await billedOnce(api, sessionId);
    await until('outbox drained', () => agent.introspection.outboxCount() === 0, 30_000);
    const db = openCloudDb(join(dir, 'cloud'));
    cleanup.push(async () => db.close());
    expect(db.prepare('SELECT count(*) FROM ledger WHERE session_id = ?').pluck().get(sessionId)).toBe(1);
    expect(agent.introspection.sync!.whitelistDigest!()).toBe(stationViewDigest(db, d.station));
  }, 180_000);

  it('mosquitto stopped and started again under serve --broker: the session charged meanwhile is billed once', async () => {
    const dir = tempDir();
    const broker = await MosquittoRunner.start({ dataDir: join(dir, 'cloud'), outDir: join(dir, 'mosq') });
    cleanup.push(() => broker.stop());
    const cloud = await ChildProc.start(
      [
        'bin/cloud-stub.js',
        'serve',
        '--data',
        join(dir, 'cloud'),
        '--http-port',
        '0',
        '--broker',
        broker.url,
        '--broker-username',
        'cloud@main',
        '--broker-password-file',
        broker.cloudPasswordFile,
        '--sync-log',
        'warn',
      ],
      { PILEGATE_ADMIN_PASSWORD: 'fault-admin-pass' },
      (j) => typeof j.httpUrl === 'string',
    );
    cleanup.push(() => cloud.kill('SIGTERM'));
    const api = await apiOf(cloud.ready.httpUrl as string);
    const d = await setUpFaultDepot(api, { pileId: 'MB-1' });
    broker.regenerate();
    await new Promise((r) => setTimeout(r, 300));
    const { agent, rig } = await agentOn(dir, d, broker.url);
    const sessionId = await chargeThrough(agent, rig, d.vin, async () => {
      await broker.stop();
      await until('link down', () => agent.introspection.sync!.status().link !== 'online', 20_000);
    });
    expect(agent.introspection.outboxCount()).toBeGreaterThan(0); // queued while the broker was away
    await broker.restart();
    await billedOnce(api, sessionId);
    await until('outbox drained', () => agent.introspection.outboxCount() === 0, 60_000);
  }, 180_000);
});

describe('hostile downlinks at the pile', () => {
  for (const skewH of [3, -3]) {
    it(`pages duplicated and reordered, a command twice, a stale stop, malformed downlinks — on a pile ${skewH > 0 ? 'fast' : 'slow'} by 3 h`, async () => {
      const dir = tempDir();
      const cloud: RunningCloud = await startCloud({ dataDir: join(dir, 'cloud'), httpPort: 0, mqttPort: 0, adminPassword: 'fault-admin-pass', syncPollMs: 50 });
      cleanup.push(() => cloud.close());
      const api = await apiOf(cloud.httpUrl);
      const d = await setUpFaultDepot(api, { pileId: 'HD-1' });
      const skewed: Clock = { now: () => Date.now() + skewH * 3_600_000, monotonic: () => systemClock.monotonic(), setTimer: (ms, fn) => systemClock.setTimer(ms, fn) };
      const { agent, rig } = await agentOn(dir, d, cloud.mqttUrl, skewed);
      // The cloud's own identity publishes into the pile's down/ and watches its up/.
      const cid = await mqtt.connectAsync(cloud.brokerUrl, {
        protocolVersion: 4,
        clientId: 'cloud:fault',
        username: cloud.brokerAuth.username,
        password: cloud.brokerAuth.password,
        reconnectPeriod: 0,
      });
      cleanup.push(() => cid.endAsync());
      const up: { kind: string; m: any }[] = [];
      cid.on('message', (topic, payload) => {
        try {
          up.push({ kind: topic.split('/up/')[1], m: JSON.parse(payload.toString()) });
        } catch {
          /* not ours */
        }
      });
      await cid.subscribeAsync(`pilegate/v1/piles/${d.pile.pileId}/up/#`, { qos: 1 });
      const down = (kind: string, m: unknown) => cid.publishAsync(downTopic(d.pile.pileId, kind), typeof m === 'string' ? m : JSON.stringify(m), { qos: 1 });
      const env = (id: string) => ({ v: 1, id, at: new Date().toISOString() });

      trace('// Three registrations;');
      // Three registrations; their deltas delivered again, twice and out of order.
      const v0 = agent.introspection.sync!.status().whitelistVersion;
      for (const n of [1, 2, 3]) await api('POST', '/api/v1/vehicles', { vin: vinN(n), plate: `沪C0000${n}D`, departmentId: d.department });
      const pages = stationViews.pagesSince(cloud.db, d.station, v0, { pageSize: 1 }).pages;
      expect(pages.length).toBeGreaterThanOrEqual(3);
      await until('pushed', () => agent.introspection.whitelist.vehicleByVin(vinN(3)) !== undefined, 10_000);
      trace('const before = up.filter');
      const before = up.filter((u) => u.kind === 'whitelist/request').length;
      for (const [i, p] of [...pages, ...[...pages].reverse(), ...pages].entries()) await down('whitelist/page', { ...env(`dup-${i}`), page: p });
      trace('// Malformed, oversized');
      // Malformed, oversized, wrongly versioned, unknown kinds: each answered with an error, none applied.
      await down('whitelist/page', 'not json');
      await down('command', { ...env('v2'), v: 2 });
      // Just over the contract's 1 MiB (the broker itself drops packets past 1 MiB + 4 KiB).
      await down('whitelist/page', { ...env('big'), page: { kind: 'delta', fromVersion: 0, toVersion: 1, changes: [], pad: 'x'.repeat(1_048_576 + 500) } });
      await down('teleport', { ...env('tp') });
      await down('whitelist/page', {
        ...env('bad-row'),
        page: {
          kind: 'delta',
          fromVersion: agent.introspection.sync!.status().whitelistVersion,
          toVersion: 99_999_999,
          changes: [{ entity: 'vehicle', op: 'upsert', key: 'X', version: 99_999_999, row: { vin: 'X', plate: 'P', departmentId: 'D' } }],
        },
      });
      await until('errors answered', () => ['not-json', 'unsupported-version', 'oversized', 'unknown-kind', 'invalid'].every((r) => up.some((u) => u.kind === 'error' && u.m.reason === r)), 10_000);
      trace("await until('in step'");
      await until('in step', () => agent.introspection.sync!.whitelistDigest!() === stationViewDigest(cloud.db, d.station), 15_000);
      expect(up.filter((u) => u.kind === 'whitelist/request').length - before).toBeLessThanOrEqual(2); // no storm

      trace('// A stop delivered twice');
      // A stop delivered twice stops the session once; a stop for the ended session stops the next one not at all.
      const first = await chargeThrough(agent, rig, d.vin, async () => undefined).catch(() => '');
      expect(first).not.toBe('');
      await rig.unplug(1);
      await until('idle', () => phase(agent) === 'idle', 30_000);
      await rig.plug(1, { vin: d.vin, edition: '2015' });
      agent.commands.pressButton(1, 'vin-charge');
      await until('charging again', () => phase(agent) === 'charging', 30_000);
      trace('const second = agent');
      const second = agent.introspection.connectors()[0].sessionId!;
      const expiresAt = new Date(Date.now() + 60_000).toISOString(); // cloud time: the pile's clock is 3 h off
      await down('command', { ...env('stale-stop'), command: { kind: 'stop', connectorId: 1, reason: 'cloud-veto', sessionId: first }, expiresAt });
      await until('stale stop answered', () => up.some((u) => u.kind === 'command/ack' && u.m.re === 'stale-stop'), 10_000);
      expect(up.find((u) => u.kind === 'command/ack' && u.m.re === 'stale-stop')!.m).toMatchObject({ status: 'acknowledged', detail: expect.stringContaining('nothing stopped') });
      expect(phase(agent)).toBe('charging');
      const stop = { ...env('stop-twice'), command: { kind: 'stop', connectorId: 1, reason: 'cloud-veto', sessionId: second }, expiresAt };
      await down('command', stop);
      await down('command', stop);
      await until('two answers', () => up.filter((u) => u.kind === 'command/ack' && u.m.re === 'stop-twice').length === 2, 10_000);
      expect(up.filter((u) => u.kind === 'command/ack' && u.m.re === 'stop-twice').map((u) => u.m.status)).toEqual(['acknowledged', 'acknowledged']);
      trace("await until('stopped'");
      await until('stopped', () => phase(agent) === 'finished', 30_000);
      expect(agent.introspection.recentSessions(1)[0]).toMatchObject({ sessionId: second, stopReason: 'cloud-veto' });
      for (const id of [first, second]) await billedOnce(api, id);
      expect(agent.health().state).toBe('running');
    }, 240_000);
  }
});

function vinN(n: number): string {
  const draft = `LZYTBGBW0LC${String(n).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}
