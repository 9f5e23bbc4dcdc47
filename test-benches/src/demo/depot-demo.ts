// The whole depot on one machine (`npm start` = `bench demo`): the cloud on embedded defaults (HTTP API,
// embedded MQTT broker, SQLite in a temporary folder), a depot set up through the cloud's HTTP API (a
// fleet with VIN-only charging, a stop password and a fund pool; a station bound to it, with a tariff;
// a pile and its credentials), the real agent on the simulated rig linked to the cloud over MQTT — then
// played and narrated: an unregistered bus is refused before CRM 0xAA and shows up under unknown VINs;
// the operator registers it; the pile has it (the time it took is printed); the bus's next attempt
// charges; the driver stops it with the fleet's stop password; the session is billed to the fleet.
// Every expectation is checked; the result says whether all held.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../../hw-profiles/index.js';
import { composeAgent, validateConfig, type Agent } from '../../../pile-agent/index.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { vinCheckDigit } from '../../../pile-agent/protocols.js';
import { startCloud, type RunningCloud } from '../../../cloud-stub/index.js';
import { SimRig } from '../wiring/sim-rig.js';
import { until as untilTrue } from '../sync/outage-depot.js';
import { apiClient } from '../sync/http-api.js';

export interface DepotDemoOptions {
  readonly say: (line: string) => void;
  /** The HTTP port of the cloud (0: any free one). */
  readonly httpPort?: number;
}

export interface DepotDemo {
  readonly ok: boolean;
  readonly expectations: readonly { readonly label: string; readonly ok: boolean; readonly seen?: string }[];
  readonly cloud: RunningCloud;
  readonly adminPassword: string;
  /** Stops the pile, the rig and the cloud, and removes the temporary folder. */
  close(): Promise<void>;
}

const vinOf = (body: string) => body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
export const DEMO_VIN = vinOf('LZYTBGBW0LA000777');
const PILE = 'DEMO-PILE-1';
const STOP_PASSWORD = '8888';

export async function runDepotDemo(o: DepotDemoOptions): Promise<DepotDemo> {
  const say = o.say;
  const t0 = Date.now();
  const line = (text: string) => say(`  [${((Date.now() - t0) / 1000).toFixed(2).padStart(6)} s] ${text}`);
  const checks: { label: string; ok: boolean; seen?: string }[] = [];
  const expect = (label: string, ok: boolean, seen?: string) => {
    checks.push({ label, ok, ...(ok || seen === undefined ? {} : { seen }) });
    say(`  ${ok ? '✓' : '✗'} ${label}${ok || !seen ? '' : ` — seen: ${seen}`}`);
  };
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-demo-'));
  const adminPassword = `demo-${Math.random().toString(36).slice(2, 10)}`;
  const cloud = await startCloud({ dataDir: join(dir, 'cloud'), httpPort: o.httpPort ?? 0, mqttPort: 0, adminPassword, syncPollMs: 100 });
  let rig: SimRig | null = null;
  let agent: Agent | null = null;
  const close = async () => {
    await agent?.stop().catch(() => undefined);
    await rig?.close().catch(() => undefined);
    await cloud.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    say('pilegate — the depot on this machine: the cloud (HTTP API, embedded MQTT broker, SQLite) and one pile on simulated hardware');
    say(`  cloud: ${cloud.httpUrl}/api/v1, MQTT ${cloud.mqttUrl}`);
    const api = await apiClient(cloud.httpUrl, adminPassword);
    say('');
    say("Setting up the depot through the cloud's HTTP API");
    const dept = (await api('POST', '/api/v1/departments', { name: '公交一公司', vinOnly: true, stopPassword: STOP_PASSWORD })).id;
    await api('POST', `/api/v1/departments/${dept}/top-ups`, { amountFen: 10_000_000 });
    const station = (await api('POST', '/api/v1/stations', { name: '一号场站', tariff: { fenPerKwh: 120 } })).id;
    await api('PUT', `/api/v1/departments/${dept}/stations`, { stationIds: [station] });
    const pile = await api('POST', `/api/v1/stations/${station}/piles`, { pileId: PILE, connectors: 2 });
    line(`fleet 公交一公司 (department ${dept}): VIN-only charging, stop password ${STOP_PASSWORD}, pool ¥100,000.00`);
    line(`station 一号场站 (${station}) bound to it, ¥1.20/kWh; pile ${PILE} registered, its MQTT secret issued once`);

    writeFileSync(join(dir, 'secret'), pile.secret, { mode: 0o600 });
    rig = await SimRig.start();
    const config = validateConfig(
      rig.agentConfig({
        dataDir: join(dir, 'pile'),
        pileId: PILE,
        stationId: station,
        session: { meterSampleIntervalMs: 1_000, resetViewMs: 1_000 },
        cloud: { url: cloud.mqttUrl, passwordFile: join(dir, 'secret') },
      }),
    );
    if (!config.ok) throw new Error(`agent config: ${JSON.stringify(config.error)}`);
    agent = composeAgent({ config: config.value, profile: loadProfile('sim', { overrides: config.value.devices }), clock: systemClock, logger: nullLogger });
    await agent.start();
    const a = agent;
    const phase = () => a.introspection.connectors()[0].phase;
    await untilTrue('pile online', () => a.introspection.sync?.status().link === 'online' && a.introspection.sync.status().whitelistVersion > 0, 30_000);
    line(`pile ${PILE} online over MQTT, whitelist version ${a.introspection.sync!.status().whitelistVersion} (simulated BMS, meter, reader on pty pairs)`);

    say('');
    say(`Act 1 — an unregistered bus (${DEMO_VIN}) plugs in; the driver presses VIN充电`);
    const refused = await rig.plug(1, { vin: DEMO_VIN, edition: '2015' });
    a.commands.pressButton(1, 'vin-charge');
    await untilTrue('refused', () => phase() === 'finished', 30_000);
    const refusedRow = a.introspection.recentSessions(1)[0];
    line(`the pile read the VIN at BRM and refused: ${refusedRow.stopDetail ?? refusedRow.stopReason}`);
    expect(
      'refused before CRM 0xAA: no energy flowed',
      !refused.observations.sawCrmAA && refusedRow.stopReason === 'vin-refused',
      `CRM 0xAA ${refused.observations.sawCrmAA}, ${refusedRow.stopReason}`,
    );
    const unknown = await untilTrue(
      'unknown VIN listed',
      async () => {
        const list = (await api('GET', '/api/v1/vehicles/unknown')) as { vin: string }[];
        return list.some((v) => v.vin === DEMO_VIN) && list;
      },
      20_000,
    ).catch(() => null);
    expect('the cloud lists it under unknown VINs', unknown !== null);
    await rig.unplug(1);
    await untilTrue('idle', () => phase() === 'idle', 30_000);

    say('');
    say('Act 2 — the operator registers the bus in the cloud');
    const version = a.introspection.sync!.status().whitelistVersion;
    const tReg = Date.now();
    await api('POST', '/api/v1/vehicles', { vin: DEMO_VIN, plate: '沪A07770D', departmentId: dept });
    const arrived = await untilTrue('the pile has it', () => a.introspection.whitelist.vehicleByVin(DEMO_VIN) !== undefined, 15_000).then(
      () => Date.now() - tReg,
      () => null,
    );
    line(
      arrived === null
        ? 'the pile did not receive the vehicle'
        : `the pile has it ${arrived} ms after the registration (whitelist version ${version} → ${a.introspection.sync!.status().whitelistVersion})`,
    );
    expect('the registration reaches the pile within a second', arrived !== null && arrived < 1_000, arrived === null ? 'never' : `${arrived} ms`);

    say('');
    say('Act 3 — the bus comes back and presses VIN充电 again');
    const bms = await rig.plug(1, { vin: DEMO_VIN, edition: '2015' });
    a.commands.pressButton(1, 'vin-charge');
    await untilTrue('charging', () => phase() === 'charging', 30_000);
    line('VIN accepted at BRM → CRM 0xAA → charging');
    expect('it charges (CRM 0xAA, contactors closed)', bms.observations.sawCrmAA && phase() === 'charging');
    await untilTrue('energy', () => a.introspection.recentSessions(1)[0].lastMeterWh - a.introspection.recentSessions(1)[0].meterStartWh > 0, 20_000);
    a.commands.enterPassword(1, STOP_PASSWORD);
    await untilTrue('finished', () => phase() === 'finished', 30_000);
    const row = a.introspection.recentSessions(1)[0];
    line(`stopped with the fleet's stop password: ${((row.meterStopWh ?? 0) - row.meterStartWh) / 1000} kWh`);
    const billed = await untilTrue('billed', async () => ((await api('GET', '/api/v1/sessions')).items as { sessionId: string }[]).find((s) => s.sessionId === row.sessionId), 20_000).catch(
      () => null,
    );
    const s = billed as null | { departmentId: number; payerId: number; energyWh: number; amountFen: number; mode: number };
    if (s) line(`billed in the cloud: mode ${s.mode}, ${s.energyWh} Wh, ¥${(s.amountFen / 100).toFixed(2)} from the pool of department ${s.payerId}`);
    expect('the session is billed once to the fleet', s !== null && s.payerId === dept && s.departmentId === dept && s.mode === 4, JSON.stringify(s));
  } catch (e) {
    checks.push({ label: 'the demo ran to the end', ok: false, seen: (e as Error).message });
    say(`  ✗ the demo could not go on: ${(e as Error).message}`);
  }
  const ok = checks.length > 0 && checks.every((c) => c.ok);
  say('');
  say(`${ok ? 'DEMO OK' : 'DEMO FAILED'}: ${checks.filter((c) => c.ok).length}/${checks.length} expectations held`);
  return { ok, expectations: checks, cloud, adminPassword, close };
}
