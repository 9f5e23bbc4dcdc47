// Shared set-up of the hostile-pile suites: a real cloud with its embedded broker, the test depot, a
// second station with a department bound only there, a department bound nowhere, and a pile client
// that holds only pile P1's own valid credentials. Helpers read balances and the ledger before and
// after, send events and await their ack, and check that the HTTP API answers while the attack runs.
import { expect } from 'vitest';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { PileClient } from './pile-client.js';

export interface Hostile {
  t: TestCloud;
  d: Depot;
  pile: PileClient;
  /** A department bound only to the other station, and one bound to none (both with money). */
  otherDept: number;
  unboundDept: number;
  otherStation: number;
}

export async function setUpHostile(): Promise<Hostile> {
  const t = await startTestCloud();
  const d = await setUpDepot(t);
  const post = async (path: string, body: unknown) => (await t.call('POST', path, { token: t.admin, body })).json;
  const otherStation = (await post('/api/v1/stations', { name: '南站', tariff: { fenPerKwh: 100 } })).id;
  const otherDept = (await post('/api/v1/departments', { name: '机场巴士' })).id;
  await t.call('PUT', `/api/v1/departments/${otherDept}/stations`, { token: t.admin, body: { stationIds: [otherStation] } });
  const unboundDept = (await post('/api/v1/departments', { name: '无站点车队' })).id;
  for (const id of [otherDept, unboundDept]) await post(`/api/v1/departments/${id}/top-ups`, { amountFen: 1_000_000 });
  const pile = await PileClient.connect(t.cloud.mqttUrl, d.pileId, d.pileSecret);
  return { t, d, pile, otherDept, unboundDept, otherStation };
}

export async function tearDown(h: Hostile | undefined): Promise<void> {
  await h?.pile.close();
  await h?.t.close();
}

/** Every balance and the whole ledger, to compare before and after an attack. */
export function money(t: TestCloud): { balances: unknown[]; ledger: number; sessions: number } {
  const db = t.cloud.db;
  return {
    balances: db.prepare("SELECT 'd' AS k, id, balance_fen AS b FROM departments UNION ALL SELECT 'm', id, balance_fen FROM members ORDER BY 1, 2").all(),
    ledger: db.prepare('SELECT count(*) FROM ledger').pluck().get() as number,
    sessions: db.prepare('SELECT count(*) FROM sessions').pluck().get() as number,
  };
}

/** Sends `events` in one message and returns the ack's results. */
export async function sendEvents(pile: PileClient, events: unknown[]): Promise<{ key: string; status: string; reason?: string }[]> {
  const m = await pile.send('session/events', { events });
  return (await pile.next('session/ack', (x) => x.re === m.id)).results;
}

/** The API answers a request while an attack runs: the best of three tries within `ms`. */
export async function apiAnswersWithin(t: TestCloud, ms: number): Promise<void> {
  let best = Infinity;
  for (let i = 0; i < 3 && best >= ms; i++) {
    const t0 = performance.now();
    const r = await t.call('GET', '/api/v1/me', { token: t.admin });
    expect(r.status).toBe(200);
    best = Math.min(best, performance.now() - t0);
  }
  expect(best).toBeLessThan(ms);
}

/** The ledger's sums agree with every balance. */
export function ledgerAgrees(t: TestCloud): void {
  const bad = t.cloud.db
    .prepare(`SELECT o.k, o.id FROM (SELECT 'department' AS k, id, balance_fen AS b FROM departments UNION ALL SELECT 'member', id, balance_fen FROM members) o
    WHERE o.b <> COALESCE((SELECT sum(amount_fen) FROM ledger l WHERE l.owner_kind = o.k AND l.owner_id = o.id), 0)`)
    .all();
  expect(bad).toEqual([]);
}
