// Pile and cloud together over the embedded broker (issue 8): the composed agent on the sim rig syncs
// its station's view from a real cloud; an unregistered bus pressing VIN充电 is refused before CRM
// 0xAA and listed by the cloud as an unknown VIN; the operator registers it over HTTP; the pile
// receives the delta and the bus's next attempt charges; the operator's remote stop ends it and the
// cloud bills the session once to the fleet's pool.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../hw-profiles/index.js';
import { composeAgent, validateConfig, type Agent } from '../../../pile-agent/index.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { aVin } from '../../../pile-agent/testing.js';
import { startCloud, stationViewDigest, type RunningCloud } from '../../../cloud-stub/index.js';
import { apiClient, SimRig } from '../../index.js';
import { FAST_SESSION } from '../session/agent-on-rig.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

async function depot() {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-e2e-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const cloud: RunningCloud = await startCloud({ dataDir: join(dir, 'cloud'), httpPort: 0, mqttPort: 0, adminPassword: 'e2e-admin-pass', syncPollMs: 50 });
  cleanup.push(() => cloud.close());
  const call = await apiClient(cloud.httpUrl, 'e2e-admin-pass');
  const station = (await call('POST', '/api/v1/stations', { name: '北站', tariff: { fenPerKwh: 100 } })).id;
  const dept = (await call('POST', '/api/v1/departments', { name: '公交一公司', stopPassword: '8888' })).id;
  await call('PUT', `/api/v1/departments/${dept}/stations`, { stationIds: [station] });
  await call('POST', `/api/v1/departments/${dept}/top-ups`, { amountFen: 1_000_000 });
  const pile = await call('POST', `/api/v1/stations/${station}/piles`, { pileId: 'E2E-PILE-1', connectors: 2 });
  writeFileSync(join(dir, 'secret'), pile.secret);
  return { dir, cloud, call, station, dept, pileId: pile.pileId as string, passwordFile: join(dir, 'secret') };
}

async function agentFor(d: Awaited<ReturnType<typeof depot>>): Promise<{ agent: Agent; rig: SimRig }> {
  const rig = await SimRig.start();
  cleanup.push(() => rig.close());
  const config = rig.agentConfig({
    dataDir: join(d.dir, 'pile'),
    pileId: d.pileId,
    stationId: d.station,
    session: { ...FAST_SESSION, resetViewMs: 1_000 },
    cloud: { url: d.cloud.mqttUrl, passwordFile: d.passwordFile },
  });
  const valid = validateConfig(config);
  if (!valid.ok) throw new Error(JSON.stringify(valid.error));
  const agent = composeAgent({ config: valid.value, profile: loadProfile('sim', { overrides: valid.value.devices }), clock: systemClock, logger: nullLogger });
  await agent.start();
  cleanup.push(() => agent.stop());
  return { agent, rig };
}

const t0 = Date.now();
/** Waits until `f` (sync or async) gives a truthy value; E2E_TRACE=1 prints when each step was reached. */
async function step<T>(what: string, f: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) {
      if (process.env.E2E_TRACE) console.error(`${Date.now() - t0} ms: ${what}`);
      return v as NonNullable<Awaited<T>>;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const phase = (a: Agent) => a.introspection.connectors()[0].phase;

describe('pile ↔ cloud over MQTT', () => {
  it('a VIN registered in the cloud decides at the pile: refused before, charging after, billed once', async () => {
    const d = await depot();
    const { agent, rig } = await agentFor(d);
    await step('synced', () => agent.introspection.sync?.status().link === 'online' && agent.introspection.sync.status().whitelistVersion > 0, 20_000);
    const vin = aVin(4242);

    const refused = await rig.plug(1, { vin, edition: '2015' });
    agent.commands.pressButton(1, 'vin-charge');
    await step('refused', () => phase(agent) === 'finished', 30_000);
    expect(refused.observations.sawCrmAA).toBe(false);
    expect(agent.introspection.recentSessions(1)[0]).toMatchObject({ stopReason: 'vin-refused', stopDetail: 'vin-unregistered' });
    const unknown = await step('unknown VIN listed', async () => {
      const list = await d.call('GET', '/api/v1/vehicles/unknown');
      return JSON.stringify(list).includes(vin) && list;
    });
    expect(JSON.stringify(unknown)).toContain(d.pileId);
    await step('outbox drained', () => agent.introspection.sync!.status().outboxDepth === 0);

    const before = agent.introspection.sync!.status().whitelistVersion;
    await d.call('POST', '/api/v1/vehicles', { vin, plate: '沪A42420D', departmentId: d.dept });
    await step('delta applied at the pile', () => agent.introspection.sync!.status().whitelistVersion > before, 10_000);
    expect(JSON.stringify(await d.call('GET', '/api/v1/vehicles/unknown'))).not.toContain(vin);

    await rig.unplug(1);
    await step('idle', () => phase(agent) === 'idle', 30_000);
    const bms = await rig.plug(1, { vin, edition: '2015' });
    agent.commands.pressButton(1, 'vin-charge');
    await step('charging', () => phase(agent) === 'charging', 30_000);
    expect(bms.observations.sawCrmAA).toBe(true);

    const cmd = await d.call('POST', `/api/v1/piles/${d.pileId}/commands`, { kind: 'stop', connectorId: 1 });
    await step('command acknowledged', async () => (await d.call('GET', `/api/v1/piles/${d.pileId}/commands/${cmd.commandId}`)).state === 'acknowledged');
    const session = await step(
      'billed in the cloud',
      async () => {
        const r = await d.call('GET', '/api/v1/sessions');
        return r.items.find((s: any) => s.vin === vin && s.mode === 4);
      },
      30_000,
    );
    expect(session).toMatchObject({ pileId: d.pileId, stopReason: 'remote', payerKind: 'department', payerId: d.dept, departmentId: d.dept });
    const pileState = await d.call('GET', `/api/v1/piles/${d.pileId}`);
    expect(pileState).toMatchObject({ online: true, behind: 0 });
    // The pile's cache is exactly the station's view (the digest both sides compute).
    expect(agent.introspection.sync!.whitelistDigest!()).toBe(stationViewDigest(d.cloud.db, d.station));
  }, 180_000);
});
