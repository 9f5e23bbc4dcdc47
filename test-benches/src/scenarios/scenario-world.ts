// What a scenario runs against: the cloud on embedded defaults (HTTP API, embedded MQTT broker,
// SQLite in a temporary folder), the depot created through its API, and per pile a simulated rig
// (BMS, meters, reader on pty pairs) with the real agent composed on the `sim` profile and linked to
// the cloud over MQTT. Started once per scenario, closed after it (the folder kept with --keep).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloud, type RunningCloud } from '../../../cloud-stub/index.js';
import { loadProfile } from '../../../hw-profiles/index.js';
import { composeAgent, validateConfig, type Agent } from '../../../pile-agent/index.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import type { GbtBmsSim } from '../sims/bms/gbt-bms.sim.js';
import { apiClient, type Api } from '../sync/http-api.js';
import { until } from '../sync/outage-depot.js';
import { SimRig } from '../wiring/sim-rig.js';
import { createDepot, type DepotIds } from './scenario-depot.js';
import type { Depot } from './scenario.types.js';

export interface PileUnderTest {
  readonly id: string;
  readonly rig: SimRig;
  readonly agent: Agent;
  /** The bus on each connector (the last plug), for what the BMS saw. */
  readonly buses: Map<number, GbtBmsSim>;
}

export interface ScenarioWorld {
  readonly dir: string;
  readonly cloud: RunningCloud;
  readonly api: Api;
  readonly ids: DepotIds;
  readonly piles: ReadonlyMap<string, PileUnderTest>;
  /** The HTTP API as the operator, or as the fleet account of a department key (created on first use). */
  apiAs(who: string): Promise<Api>;
  close(keep: boolean): Promise<void>;
}

export async function startWorld(depot: Depot, say: (line: string) => void): Promise<ScenarioWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-scenario-'));
  const adminPassword = `scenario-${Math.random().toString(36).slice(2, 10)}`;
  const cloud = await startCloud({ dataDir: join(dir, 'cloud'), httpPort: 0, mqttPort: 0, adminPassword, syncPollMs: 100 });
  const piles = new Map<string, PileUnderTest>();
  const close = async (keep: boolean) => {
    for (const p of piles.values()) {
      await p.agent.stop().catch(() => undefined);
      await p.rig.close().catch(() => undefined);
    }
    await cloud.close().catch(() => undefined);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const api = await apiClient(cloud.httpUrl, adminPassword);
    const ids = await createDepot(api, depot);
    say(`  depot: ${ids.departments.size} department(s), ${ids.stations.size} station(s), ${ids.members.size} member(s), ${ids.piles.size} pile(s) — cloud ${cloud.httpUrl}`);
    for (const [id, p] of ids.piles) {
      const secretFile = join(dir, `${id}.secret`);
      writeFileSync(secretFile, p.secret, { mode: 0o600 });
      const rig = await SimRig.start();
      const config = validateConfig(
        rig.agentConfig({
          dataDir: join(dir, id),
          pileId: id,
          stationId: p.stationId,
          // The summary screens (finished, refused) stay 3 s: long enough for an expectation to see them.
          session: { meterSampleIntervalMs: 500, resetViewMs: 3_000 },
          cloud: { url: cloud.mqttUrl, passwordFile: secretFile },
        }),
      );
      if (!config.ok) throw new Error(`agent config of ${id}: ${JSON.stringify(config.error)}`);
      const agent = composeAgent({ config: config.value, profile: loadProfile('sim', { overrides: config.value.devices }), clock: systemClock, logger: nullLogger });
      piles.set(id, { id, rig, agent, buses: new Map() });
      await agent.start();
      // Ready when the cloud sees it online and not behind its station's registry (every page applied).
      await until(
        `${id} online with the station's whole registry`,
        async () => {
          const state = (await api('GET', `/api/v1/piles/${id}`)) as { online: boolean; behind: number; whitelistVersion: number };
          return state.online && state.behind === 0 && state.whitelistVersion > 0 && agent.introspection.sync?.status().link === 'online';
        },
        30_000,
      );
    }
    const fleets = new Map<string, Promise<Api>>();
    const apiAs = (who: string): Promise<Api> => {
      if (who === 'operator') return Promise.resolve(api);
      let client = fleets.get(who);
      if (!client) {
        const password = `fleet-${who}-${Math.random().toString(36).slice(2, 12)}`;
        client = api('POST', '/api/v1/accounts', { username: `scenario-${who}`, password, role: 'fleet', departmentId: ids.departments.get(who) }).then(() =>
          apiClient(cloud.httpUrl, password, `scenario-${who}`),
        );
        fleets.set(who, client);
      }
      return client;
    };
    return { dir, cloud, api, ids, piles, apiAs, close };
  } catch (e) {
    await close(false);
    throw e;
  }
}
