// What a scenario runs against: the cloud on embedded defaults (HTTP API, embedded MQTT broker,
// SQLite in a temporary folder, fixed free ports so it can be stopped and started again), the depot
// created through its API, and per pile a simulated rig (BMS, meters, reader on pty pairs) with the
// real agent in its own process on the `sim` profile (pile-process.ts), linked to the cloud over
// MQTT. Started once per scenario, closed after it (the folder, with each agent's log, kept with --keep).
// With a bench profile (hil/) each pile is a real controller instead, driven through its console, with
// the simulators on the bench's serial adapters; the cloud then listens where the controllers reach it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloud, type RunningCloud } from '../../../cloud-stub/index.js';
import { apiClient, type Api } from '../sync/http-api.js';
import { freePort, until } from '../sync/outage-depot.js';
import { writePileFiles } from '../wiring/provision.js';
import { SimRig } from '../wiring/sim-rig.js';
import { assignBenchPiles, type BenchProfile } from '../hil/bench-profile.js';
import { startBenchPile } from '../hil/bench-pile.js';
import { PileProcess, type PhaseListener, type PileAgentHandle } from './pile-process.js';
import type { PileUnderTest } from './pile-under-test.js';
import { createDepot, type DepotIds } from './scenario-depot.js';
import type { Depot } from './scenario.types.js';

export type { PileUnderTest } from './pile-under-test.js';

export interface ScenarioWorld {
  readonly dir: string;
  readonly cloud: RunningCloud | null;
  /** The HTTP API as the operator (also across a stop and start of the cloud). */
  readonly api: Api;
  readonly ids: DepotIds;
  readonly piles: ReadonlyMap<string, PileUnderTest>;
  /** The HTTP API as the operator, or as the fleet account of a department key (created on first use). */
  apiAs(who: string): Promise<Api>;
  /** Every phase change of every pile's connectors, also of agents started later. */
  onPhase(listener: (pileId: string, ...a: Parameters<PhaseListener>) => void): void;
  /** The bytes of a GET as the operator (a report as XLSX), e.g. `/api/v1/reports/company?format=xlsx`. */
  download(path: string): Promise<Buffer>;
  /** The operator's password (the demo prints it). */
  readonly adminPassword: string;
  /** The broker down: with the embedded broker, the cloud stops (its data stays). */
  brokerDown(): Promise<void>;
  /** The broker (and cloud) up again on the same data and ports; resolves when every running pile is online. */
  brokerUp(): Promise<void>;
  close(keep: boolean): Promise<void>;
}

const ONLINE_MS = 60_000;

export interface WorldOptions {
  /** The cloud's HTTP port (default: a free one). */
  readonly httpPort?: number;
  /** Real controllers on a bench instead of agent processes on the sim profile (hil/bench-profile.ts). */
  readonly bench?: BenchProfile;
  /** Where the bench's console PINs are read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export async function startWorld(depot: Depot, say: (line: string) => void, opts: WorldOptions = {}): Promise<ScenarioWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-scenario-'));
  const adminPassword = `scenario-${Math.random().toString(36).slice(2, 10)}`;
  const bench = opts.bench;
  const cloudOpts = {
    dataDir: join(dir, 'cloud'),
    httpPort: opts.httpPort || (await freePort()),
    mqttPort: bench?.cloud.mqttPort ?? (await freePort()),
    adminPassword,
    syncPollMs: 100,
    ...(bench ? { host: bench.cloud.listen } : {}),
  };
  let cloud: RunningCloud | null = await startCloud(cloudOpts);
  let operator = await apiClient(cloud.httpUrl, adminPassword);
  const cloudOf = (): RunningCloud => {
    if (!cloud) throw new Error('the cloud is down (broker: down stops the cloud with its embedded broker)');
    return cloud;
  };
  const api: Api = async (...a) => {
    cloudOf();
    return operator(...a);
  };
  const piles = new Map<string, PileUnderTest>();
  const phaseListeners: Array<(pileId: string, ...a: Parameters<PhaseListener>) => void> = [];
  const fleets = new Map<string, { password: string; client: Promise<Api> }>();
  const close = async (keep: boolean) => {
    for (const p of piles.values()) {
      await p.agent.stop().catch(() => undefined);
      await p.rig.close().catch(() => undefined);
    }
    await cloud?.close().catch(() => undefined);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  const online = (id: string, agent: PileAgentHandle) =>
    until(
      `${id} online with the station's whole registry`,
      async () => {
        const state = (await api('GET', `/api/v1/piles/${id}`)) as { online: boolean; behind: number; whitelistVersion: number };
        return state.online && state.behind === 0 && state.whitelistVersion > 0 && (await agent.syncLink()) === 'online';
      },
      ONLINE_MS,
    );
  try {
    const ids = await createDepot(api, depot);
    say(`  depot: ${ids.departments.size} department(s), ${ids.stations.size} station(s), ${ids.members.size} member(s), ${ids.piles.size} pile(s) — cloud ${cloud.httpUrl}`);
    const benchPiles = bench ? assignBenchPiles(bench, ids.piles) : null;
    const emit = (id: string) => (agent: PileAgentHandle) =>
      agent.onPhase((...a) => {
        for (const l of phaseListeners) l(id, ...a);
      });
    for (const [id, p] of ids.piles) {
      const onBench = benchPiles?.get(id);
      const pile = onBench
        ? await startBenchPile({
            id,
            stationId: p.stationId,
            secret: p.secret,
            mqttUrl: `mqtt://${bench?.cloud.host}:${cloudOpts.mqttPort}`,
            bench: onBench,
            env: opts.env ?? process.env,
            onAgent: emit(id),
          })
        : await startSimPile({ id, stationId: p.stationId, secret: p.secret, mqttUrl: `mqtt://127.0.0.1:${cloudOpts.mqttPort}`, dir, onAgent: emit(id) });
      piles.set(id, pile);
      // Ready when the cloud sees it online and not behind its station's registry (every page applied).
      await online(id, pile.agent);
      if (onBench) say(`  ${id}: the controller on ${onBench.console.path}, provisioned for this run`);
    }
    const apiAs = async (who: string): Promise<Api> => {
      if (who === 'operator') return api;
      let fleet = fleets.get(who);
      if (!fleet) {
        const password = `fleet-${who}-${Math.random().toString(36).slice(2, 12)}`;
        const client = api('POST', '/api/v1/accounts', { username: `scenario-${who}`, password, role: 'fleet', departmentId: ids.departments.get(who) }).then(() =>
          apiClient(cloudOf().httpUrl, password, `scenario-${who}`),
        );
        fleet = { password, client };
        fleets.set(who, fleet);
      }
      return fleet.client;
    };
    const world: ScenarioWorld = {
      dir,
      get cloud() {
        return cloud;
      },
      api,
      ids,
      piles,
      apiAs,
      onPhase: (l) => phaseListeners.push(l),
      adminPassword,
      download: async (path) => {
        const r = await fetch(`${cloudOf().httpUrl}${path}`, { headers: { authorization: `Bearer ${operator.token}` } });
        if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${(await r.text()).slice(0, 300)}`);
        return Buffer.from(await r.arrayBuffer());
      },
      brokerDown: async () => {
        const c = cloudOf();
        cloud = null;
        await c.close();
      },
      brokerUp: async () => {
        if (cloud) throw new Error('the broker is up already');
        cloud = await startCloud(cloudOpts);
        operator = await apiClient(cloud.httpUrl, adminPassword);
        for (const [who, f] of fleets) fleets.set(who, { ...f, client: apiClient(cloud.httpUrl, f.password, `scenario-${who}`) });
        for (const p of piles.values()) if (p.agent.running) await online(p.id, p.agent);
      },
      close,
    };
    return world;
  } catch (e) {
    await close(false);
    throw e;
  }
}

/** A pile of the `sim` profile: the rig on pty pairs and the agent as its own process. */
async function startSimPile(o: { id: string; stationId: number; secret: string; mqttUrl: string; dir: string; onAgent: (a: PileAgentHandle) => void }): Promise<PileUnderTest> {
  const rig = await SimRig.start({ pileId: o.id });
  const { configFile } = writePileFiles(
    rig,
    { pileId: o.id, stationId: o.stationId, secret: o.secret, mqttUrl: o.mqttUrl, dir: o.dir },
    // The summary screens (finished, refused) stay 3 s: long enough for an expectation to see them.
    { session: { meterSampleIntervalMs: 500, resetViewMs: 3_000 }, log: { level: 'info' } },
  );
  const logFile = join(o.dir, `${o.id}.log`);
  const boot = async () => {
    const agent = await PileProcess.start(o.id, configFile, logFile);
    o.onAgent(agent);
    return agent;
  };
  const pile: PileUnderTest = {
    id: o.id,
    rig,
    agent: await boot().catch(async (e) => {
      await rig.close();
      throw e;
    }),
    buses: new Map(),
    pluggedAt: new Map(),
    powerCut: () => pile.agent.kill(),
    powerOn: async () => {
      if (pile.agent.running) throw new Error(`${o.id} is powered already`);
      pile.agent = await boot();
    },
  };
  return pile;
}
