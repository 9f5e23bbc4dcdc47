// The expectations of a scenario, checked against what the pile did (the BMS simulator's view of the
// bus side, the connector's phase, the journal) and what the cloud holds (its sessions, pools and
// unknown-VIN list, read over the HTTP API, waited for while the pile's uplink arrives). Returns a
// line saying what held, or throws with what was expected and what was seen.
import { until } from '../sync/outage-depot.js';
import { connectorOf, type StepContext } from './scenario-steps.js';
import type { Expectation, IntOrRange, SessionExpectation } from './scenario.types.js';

const CLOUD_WAIT_MS = 20_000;
/** A scenario's credential name → the session record's (pile-agent/src/protocols/sync/session-record.ts). */
const WIRE_CREDENTIAL = { card: 'card', 'fixed-password': 'password', vin: 'vin-button', remote: 'remote' } as const;

const within = (v: number, want: IntOrRange) => (typeof want === 'number' ? v === want : (want.min === undefined || v >= want.min) && (want.max === undefined || v <= want.max));
const show = (want: IntOrRange) => (typeof want === 'number' ? String(want) : `${want.min ?? '−∞'}…${want.max ?? '∞'}`);

export async function checkExpectation(ctx: StepContext, e: Expectation): Promise<string> {
  const held: string[] = [];
  const w = ctx.world;
  if (e.at !== undefined) {
    const { pile, n } = connectorOf(w, e.at);
    const status = (await pile.agent.connectors())[n - 1];
    const bus = pile.buses.get(n);
    if (e.phase !== undefined) {
      if (status.phase !== e.phase) throw new Error(`${e.at}: phase ${e.phase} expected, seen ${status.phase}`);
      held.push(`phase ${e.phase}`);
    }
    if (e.screen !== undefined) {
      // The screen shows the selected connector: the expected view, for this connector when the view names one.
      const want = e.screen;
      let seen = 'nothing';
      await until(
        `the screen of ${pile.id} shows ${want}`,
        async () => {
          const v = (await pile.agent.screen())?.view;
          seen = v ? `${v.view}${'connectorId' in v ? ` of connector ${v.connectorId}` : ''}` : 'nothing';
          return v?.view === want && (!('connectorId' in v) || v.connectorId === n);
        },
        5_000,
      ).catch(() => {
        throw new Error(`${e.at}: screen ${want} expected, seen ${seen}`);
      });
      held.push(`screen ${want}`);
    }
    if (e.charging) {
      if (!bus?.observations.sawCrmAA || status.phase !== 'charging') throw new Error(`${e.at}: charging expected, seen phase ${status.phase}, CRM 0xAA ${bus?.observations.sawCrmAA ?? 'no bus'}`);
      held.push('charging (CRM 0xAA, contactors closed)');
    }
    if (e.refused) {
      // The latest session of this connector since its bus was plugged (a refusal before any session has none).
      const since = pile.pluggedAt.get(n) ?? 0;
      const row = (await pile.agent.recentSessions(20)).find((r) => r.connectorId === n && Date.parse(r.startedAt) >= since);
      const energy = row ? (row.meterStopWh ?? row.lastMeterWh) - row.meterStartWh : 0;
      const reason = row?.stopDetail ?? status.view.reason ?? null;
      if (bus?.observations.sawCrmAA) throw new Error(`${e.at}: refused expected, but the BMS saw CRM 0xAA`);
      if (energy !== 0) throw new Error(`${e.at}: refused expected with 0 Wh, ${energy} Wh delivered`);
      if (e.refused.reason !== undefined && reason !== e.refused.reason) throw new Error(`${e.at}: refusal reason ${e.refused.reason} expected, seen ${reason}`);
      held.push(`refused before CRM 0xAA, 0 Wh${reason ? ` (${reason})` : ''}`);
    }
  }
  if (e.session) held.push(await checkSession(ctx, e.session));
  if (e.pool) {
    const id = w.ids.departments.get(e.pool.department);
    const want = e.pool.balanceFen;
    let seen = -1;
    await until(
      `pool of ${e.pool.department} at ${show(want)} fen`,
      async () => {
        seen = (await w.api('GET', `/api/v1/departments/${id}`)).balanceFen as number;
        return within(seen, want);
      },
      CLOUD_WAIT_MS,
    ).catch(() => {
      throw new Error(`pool of ${e.pool?.department}: ${show(want)} fen expected, seen ${seen}`);
    });
    held.push(`pool of ${e.pool.department}: ${seen} fen`);
  }
  if (e.unknownVins) {
    const want = e.unknownVins;
    let seen: string[] = [];
    await until(
      'unknown VINs listed',
      async () => {
        seen = ((await w.api('GET', '/api/v1/vehicles/unknown')) as { vin: string }[]).map((v) => v.vin);
        return want.every((v) => seen.includes(v));
      },
      CLOUD_WAIT_MS,
    ).catch(() => {
      throw new Error(`unknown VINs ${want.join(', ')} expected, seen ${seen.join(', ') || 'none'}`);
    });
    held.push(`the cloud lists ${want.join(', ')} under unknown VINs`);
  }
  if (e.report) held.push(await checkReport(ctx, e.report));
  if (e.visibleSessions) {
    const { as, count } = e.visibleSessions;
    const items = ((await (await w.apiAs(as))('GET', '/api/v1/sessions')).items ?? []) as CloudSession[];
    if (items.length !== count) throw new Error(`${as} sees ${items.length} session(s), ${count} expected`);
    held.push(`${as} sees ${count} session(s)`);
  }
  return held.join('; ');
}

async function checkReport(ctx: StepContext, want: NonNullable<Expectation['report']>): Promise<string> {
  const api = await ctx.world.apiAs(want.as);
  let seen = { sessions: -1, energyWh: -1, amountFen: -1 };
  const ok = () =>
    (want.sessions === undefined || seen.sessions === want.sessions) &&
    (want.energyWh === undefined || within(seen.energyWh, want.energyWh)) &&
    (want.amountFen === undefined || within(seen.amountFen, want.amountFen));
  await until(
    `company report as ${want.as}`,
    async () => {
      seen = (await api('GET', '/api/v1/reports/company')).totals;
      return ok();
    },
    CLOUD_WAIT_MS,
  ).catch(() => {
    throw new Error(`company report as ${want.as}: ${JSON.stringify(want)} expected, totals seen ${JSON.stringify(seen)}`);
  });
  return `company report as ${want.as}: ${seen.sessions} session(s), ${seen.energyWh} Wh, ${seen.amountFen} fen`;
}

/** A session as the cloud's API lists it (GET /api/v1/sessions), the fields the runner reads. */
export interface CloudSession {
  sessionId: string;
  pileId: string;
  connectorId: number;
  mode: number;
  credentialKind: string;
  payerKind: string;
  payerId: number;
  departmentId: number | null;
  vin: string | null;
  plate: string | null;
  energyWh: number;
  amountFen: number;
  stopReason: string;
}

async function checkSession(ctx: StepContext, want: SessionExpectation): Promise<string> {
  const w = ctx.world;
  const { pile, n } = connectorOf(w, want.at);
  const row = (await pile.agent.recentSessions(20)).find((r) => r.connectorId === n);
  if (!row) throw new Error(`${want.at}: no session in the pile's journal`);
  const found = await until(
    `session ${row.sessionId} in the cloud`,
    async () => ((await w.api('GET', '/api/v1/sessions')).items as CloudSession[]).find((s) => s.sessionId === row.sessionId),
    CLOUD_WAIT_MS,
  ).catch(() => null);
  if (!found) throw new Error(`${want.at}: session ${row.sessionId} never reached the cloud`);
  const s: CloudSession = found;
  const wrong: string[] = [];
  const dept = (key: string) => w.ids.departments.get(key);
  if (want.mode !== undefined && s.mode !== want.mode) wrong.push(`mode ${want.mode}, seen ${s.mode}`);
  if (want.credential !== undefined && s.credentialKind !== WIRE_CREDENTIAL[want.credential]) wrong.push(`credential ${want.credential}, seen ${s.credentialKind}`);
  if (want.payer === 'member' && s.payerKind !== 'member') wrong.push(`paid by a member, seen ${s.payerKind} ${s.payerId}`);
  if (want.payer !== undefined && want.payer !== 'member' && (s.payerKind !== 'department' || s.payerId !== dept(want.payer))) wrong.push(`paid by ${want.payer}, seen ${s.payerKind} ${s.payerId}`);
  if (want.department !== undefined && s.departmentId !== (want.department === null ? null : dept(want.department))) wrong.push(`record of ${want.department}, seen department ${s.departmentId}`);
  if (want.vin !== undefined && s.vin !== want.vin) wrong.push(`VIN ${want.vin}, seen ${s.vin}`);
  if (want.plate !== undefined && s.plate !== want.plate) wrong.push(`plate ${want.plate}, seen ${s.plate}`);
  if (want.energyWh !== undefined && !within(s.energyWh, want.energyWh)) wrong.push(`${show(want.energyWh)} Wh, seen ${s.energyWh}`);
  if (want.amountFen !== undefined && !within(s.amountFen, want.amountFen)) wrong.push(`${show(want.amountFen)} fen, seen ${s.amountFen}`);
  if (want.stopReason !== undefined && s.stopReason !== want.stopReason) wrong.push(`stop reason ${want.stopReason}, seen ${s.stopReason}`);
  if (wrong.length) throw new Error(`${want.at}: session ${s.sessionId}: ${wrong.join('; ')}`);
  return `session in the cloud: mode ${s.mode}, ${s.credentialKind}, ${s.payerKind} ${s.payerId} pays, ${s.energyWh} Wh, ${s.amountFen} fen, ${s.stopReason}`;
}
