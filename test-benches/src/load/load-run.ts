// `bench load`: one cloud (`cloud-stub serve`, its own process, so its CPU and memory are its own)
// against N piles of C connectors — the first K real agents on sim rigs (their own processes, as in
// the scenario runner), the rest lightweight clients speaking the contract (light-pile.ts) — and
// measures what a depot operator sizes the cloud by:
// - sessions per second the cloud takes in and bills (M sessions from the light piles, as session
//   events in acknowledged batches, all piles at once);
// - decision latency on the real agents: from the card's credential reaching the session (authorizing)
//   to the allow (starting), timed inside the agent's process;
// - sync lag: an operator registers vehicles one by one over HTTP; the time until each pile holds
//   the page with that vehicle (p50/p99 over every pile and change);
// - the cloud's CPU share and peak resident memory over the run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vinCheckDigit } from '../../../pile-agent/contract.js';
import { uidOfCardNumber } from '../scenarios/scenario-steps.js';
import { PileProcess } from '../scenarios/pile-process.js';
import { freePort, until } from '../sync/outage-depot.js';
import { apiOf, serveCloud, setUpFaultDepot } from '../sync/fault-kit.js';
import { provisionPile } from '../wiring/provision.js';
import { SimRig } from '../wiring/sim-rig.js';
import { finishedSessionEvents } from './finished-session.js';
import { LightPile } from './light-pile.js';
import { UsageSampler } from './proc-usage.js';

export interface LoadOptions {
  readonly piles: number;
  readonly connectors: number;
  readonly sessions: number;
  /** Real agents among the piles (default: min(piles, 2)). */
  readonly agents?: number;
  /** Sessions each real agent charges (default 3). */
  readonly agentSessions?: number;
  /** Vehicles the operator registers while the piles listen (default 20). */
  readonly changes?: number;
  /** Pause between two of those registrations, ms (default 100). */
  readonly changeEveryMs?: number;
  readonly say: (line: string) => void;
}

export interface LoadFigures {
  readonly piles: number;
  readonly agents: number;
  readonly sessions: number;
  readonly sessionsPerS: number;
  readonly decisionP50Ms: number | null;
  readonly decisionP99Ms: number | null;
  /** Null without light piles (only they time the pages). */
  readonly syncLagP50Ms: number | null;
  readonly syncLagP99Ms: number | null;
  readonly cloudCpuPercent: number;
  readonly cloudRssPeakMb: number;
  readonly setupS: number;
}

const CARD = '0000004242';
const BATCH = 50; // sessions per session/events message (100 events)
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const vinOf = (n: number) => {
  const d = `LFV3A23C0J3${String(n).padStart(6, '0')}`;
  return d.slice(0, 8) + vinCheckDigit(d) + d.slice(9);
};

export async function runLoad(o: LoadOptions): Promise<LoadFigures> {
  const agents = Math.min(o.piles, o.agents ?? Math.min(o.piles, 2));
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-load-'));
  const t0 = performance.now();
  const cloud = await serveCloud(join(dir, 'cloud'), await freePort());
  const mqttUrl = cloud.ready.mqttUrl as string;
  const usage = new UsageSampler(cloud.proc.pid!);
  const rigs: SimRig[] = [];
  const procs: PileProcess[] = [];
  const lights: LightPile[] = [];
  try {
    const api = await apiOf(cloud.httpUrl);
    const depot = await setUpFaultDepot(api, { pileId: 'LOAD-SPARE' });
    await api('POST', `/api/v1/members/${depot.member}/cards`, { cardNo: CARD });
    // The real agents: a sim rig each, provisioned over HTTP, their own processes.
    for (let i = 0; i < agents; i++) {
      const rig = await SimRig.start({ pileId: `LOAD-A${i + 1}` });
      rigs.push(rig);
      const p = await provisionPile(api, rig, { stationId: depot.station, mqttUrl, dir }, { session: { meterSampleIntervalMs: 500, resetViewMs: 1_000 } });
      procs.push(await PileProcess.start(rig.pileId, p.configFile, join(dir, `${rig.pileId}.log`)));
    }
    // The light piles: registered, connected, each waiting for its first full view.
    const synced: Promise<void>[] = [];
    for (let i = agents; i < o.piles; i++) {
      const pileId = `LOAD-L${String(i + 1).padStart(4, '0')}`;
      const r = (await api('POST', `/api/v1/stations/${depot.station}/piles`, { pileId, connectors: o.connectors })) as { secret: string };
      const pile = await LightPile.connect(mqttUrl, { pileId, secret: r.secret });
      lights.push(pile);
      synced.push(
        new Promise((resolve) =>
          pile.on((kind, m) => {
            const page = kind === 'whitelist/page' ? m.page : null;
            if (page && (page.kind === 'delta' || page.part === undefined || page.part === page.parts)) resolve();
          }),
        ),
      );
      await pile.hello(depot.station, 0, o.connectors);
      if ((i + 1) % 100 === 0) o.say(`# ${i + 1}/${o.piles} piles connected`);
    }
    await Promise.all(synced);
    for (const p of procs) await until(`${p.pileId} online`, async () => (await p.syncLink()) === 'online', 60_000);
    const setupS = (performance.now() - t0) / 1000;
    o.say(`# ${o.piles} piles (${agents} real agents) online with their station's view after ${setupS.toFixed(1)} s`);

    // Sync lag: vehicles registered one by one; every light pile times the page that brings each.
    const lags: number[] = [];
    const sentAt = new Map<string, number>();
    for (const pile of lights)
      pile.on((kind, m) => {
        if (kind !== 'whitelist/page') return;
        for (const c of m.page.changes as { entity: string; key: string }[]) {
          const t = c.entity === 'vehicle' ? sentAt.get(c.key) : undefined;
          if (t !== undefined) lags.push(performance.now() - t);
        }
      });
    const changes = o.changes ?? 20;
    for (let i = 0; i < changes; i++) {
      const vin = vinOf(i + 1);
      sentAt.set(vin, performance.now());
      await api('POST', '/api/v1/vehicles', { vin, plate: `沪L${String(i + 1).padStart(5, '0')}`, departmentId: depot.department });
      await new Promise((r) => setTimeout(r, o.changeEveryMs ?? 100));
    }
    if (lights.length) await until('every pile got every change', () => lags.length >= changes * lights.length, 120_000);
    o.say(`# sync lag measured: ${changes} changes × ${lights.length} piles`);

    // Sessions: the real agents charge (decision latency), the light piles report theirs at once.
    const decisions: number[] = [];
    const agentRuns = procs.map((p, i) => chargeRepeatedly(p, rigs[i], o.agentSessions ?? 3, decisions));
    const ts = performance.now();
    const sessions = lights.length ? o.sessions : 0;
    await Promise.all(lights.map((pile, i) => reportSessions(pile, depot, share(sessions, lights.length, i), o.connectors)));
    const sessionsPerS = sessions / ((performance.now() - ts) / 1000);
    await Promise.all(agentRuns);
    const cloudUsage = usage.stop();
    // Every session once in the cloud: the light piles' and the agents' (which drain on their own).
    const expected = sessions + agents * (o.agentSessions ?? 3);
    let billed = -1;
    await until(
      `the cloud holds ${expected} sessions`,
      async () => (billed = ((await api('GET', '/api/v1/reports/company')) as { totals: { sessions: number } }).totals.sessions) === expected,
      60_000,
    ).catch(() => {
      throw new Error(`the cloud holds ${billed} sessions, ${expected} were sent`);
    });
    decisions.sort((a, b) => a - b);
    lags.sort((a, b) => a - b);
    return {
      piles: o.piles,
      agents,
      sessions,
      sessionsPerS,
      decisionP50Ms: decisions.length ? pct(decisions, 50) : null,
      decisionP99Ms: decisions.length ? pct(decisions, 99) : null,
      syncLagP50Ms: lags.length ? pct(lags, 50) : null,
      syncLagP99Ms: lags.length ? pct(lags, 99) : null,
      cloudCpuPercent: cloudUsage.cpuPercent,
      cloudRssPeakMb: cloudUsage.peakRssBytes / 2 ** 20,
      setupS,
    };
  } finally {
    for (const l of lights) await l.close().catch(() => undefined);
    for (const p of procs) await p.stop().catch(() => undefined);
    for (const r of rigs) await r.close().catch(() => undefined);
    // A gentle stop, bounded: kill -9 when the cloud has not gone within 10 s.
    await Promise.race([cloud.kill('SIGTERM'), new Promise((r) => setTimeout(r, 10_000).unref())]).catch(() => undefined);
    await cloud.kill('SIGKILL').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const share = (total: number, n: number, i: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);

/** One real agent: plug, card, charging, card again, finished, unplug — `n` times; times each decision. */
async function chargeRepeatedly(p: PileProcess, rig: SimRig, n: number, decisions: number[]): Promise<void> {
  let authorizingAt = 0;
  let phase = '';
  p.onPhase((connector, ph, _outcome, atMs) => {
    if (connector !== 1) return;
    if (ph === 'authorizing' && phase !== 'authorizing') authorizingAt = atMs;
    if (ph === 'starting' && phase === 'authorizing' && authorizingAt) decisions.push(atMs - authorizingAt);
    phase = ph;
  });
  // A tap: the card on the reader until the agent has read it, then off again (a held card counts once).
  const tap = async () => {
    const before = (await p.lastCard())?.atMs ?? null;
    rig.presentCard(uidOfCardNumber(CARD));
    await until(`${p.pileId} reads the card`, async () => ((await p.lastCard())?.atMs ?? null) !== before, 10_000);
    rig.removeCard();
  };
  for (let i = 0; i < n; i++) {
    await rig.plug(1, { vin: null, edition: '2015' });
    await tap();
    await until(`${p.pileId} charging`, () => phase === 'charging', 30_000);
    await tap();
    await until(`${p.pileId} finished`, () => phase === 'finished', 30_000);
    await rig.unplug(1);
    await until(`${p.pileId} idle`, () => phase === 'idle', 30_000);
  }
}

/** A light pile's `count` finished sessions, as session events in acknowledged batches. */
async function reportSessions(pile: LightPile, depot: { station: number; department: number }, count: number, connectors: number): Promise<void> {
  const acks = new Map<string, () => void>();
  pile.on((kind, m) => kind === 'session/ack' && acks.get(m.re)?.());
  const T0 = Date.now() - 3 * 3_600_000;
  for (let i = 0; i < count; i += BATCH) {
    const events = [];
    for (let j = i; j < Math.min(count, i + BATCH); j++)
      events.push(...finishedSessionEvents({ pileId: pile.pileId, stationId: depot.station, connectorId: (j % connectors) + 1, departmentId: depot.department, cardNo: CARD, startMs: T0 + j * 1000 }));
    const id = randomUUID();
    const acked = new Promise<void>((resolve) => acks.set(id, resolve));
    await pile.client.publishAsync(`pilegate/v1/piles/${pile.pileId}/up/session/events`, JSON.stringify({ v: 1, id, at: new Date().toISOString(), events }), { qos: 1 });
    await acked;
  }
}
