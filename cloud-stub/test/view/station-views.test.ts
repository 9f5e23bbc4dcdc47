// Station views and the change log (issue 8 item 2): what each station's piles hold follows every
// registry change as deltas — bindings, vehicles, pools at their floor, stop passwords, the fixed
// password — pages validate against the contract and replay to the view, and a station's pages hold
// nothing of another station's departments, byte for byte.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWhitelistPage, type WhitelistPage } from '../../../pile-agent/contract.js';
import { stationViews } from '../../src/view/index.js';
import { compactViewLog } from '../../src/view/compact.js';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { aPlate, aVin, startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
let d: Depot;
let other: { station: number; dept: number; vin: string; card: string };

beforeEach(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
  const post = async (path: string, body: unknown) => (await t.call('POST', path, { token: t.admin, body })).json;
  const station = (await post('/api/v1/stations', { name: '南站', tariff: { fenPerKwh: 120 } })).id;
  const dept = (await post('/api/v1/departments', { name: '机场巴士', stopPassword: '97531' })).id;
  await t.call('PUT', `/api/v1/departments/${dept}/stations`, { token: t.admin, body: { stationIds: [station] } });
  const vin = aVin(777);
  await post('/api/v1/vehicles', { vin, plate: aPlate(777), departmentId: dept });
  const m = (await post('/api/v1/members', { kind: 'virtual', name: '机场车队卡', departmentId: dept })).id;
  await post(`/api/v1/members/${m}/cards`, { cardNo: 'AIRPORT7' });
  other = { station, dept, vin, card: 'AIRPORT7' };
});
afterEach(() => t.close());

const db = () => t.cloud.db;
const pages = (station: number, from: number) => stationViews.pagesSince(db(), station, from, { pageSize: 3 });

/** Replays pages like a pile: a map of `entity:key` → row, checking every page against the contract. */
function replay(ps: readonly WhitelistPage[], start = new Map<string, unknown>()): Map<string, unknown> {
  let view = start;
  for (const p of ps) {
    const parsed = parseWhitelistPage(JSON.parse(JSON.stringify(p)));
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.error)).toBe(true);
    if (p.kind === 'snapshot' && (p.part ?? 1) === 1) view = new Map();
    for (const c of p.changes) {
      if (c.op === 'delete') view.delete(`${c.entity}:${c.key}`);
      else view.set(`${c.entity}:${c.key}`, c.row);
    }
  }
  return view;
}

const held = (station: number) =>
  new Map(
    (db().prepare('SELECT entity, key, row_json FROM station_view WHERE station_id = ?').all(station) as { entity: string; key: string; row_json: string }[]).map((r) => [
      `${r.entity}:${r.key}`,
      JSON.parse(r.row_json),
    ]),
  );

describe('station views', () => {
  it('a new pile gets the whole view as a snapshot in parts that replays to exactly the view', () => {
    const p = pages(d.station, 0);
    expect(p.mode).toBe('snapshot');
    expect(p.pages.length).toBeGreaterThan(1);
    expect(p.pages.every((x) => x.kind === 'snapshot' && x.toVersion === p.head)).toBe(true);
    const view = replay(p.pages);
    expect(view).toEqual(held(d.station));
    expect([...view.keys()]).toEqual(expect.arrayContaining([`department:${d.a}`, `vehicle:${d.vinA1}`, 'card:SITE0001', `station:${d.station}`, `card:${d.cardB.cardNo}`]));
    expect(view.get('card:SITE0001')).toMatchObject({ stationAdmin: true, memberCanPay: true });
  });

  it("holds nothing of another station's departments, byte for byte", () => {
    const bytes = JSON.stringify(pages(d.station, 0).pages);
    for (const secret of [other.vin, aPlate(777), other.card, '机场巴士', '机场车队卡', '南站']) expect(bytes).not.toContain(secret);
    const theirs = JSON.stringify(pages(other.station, 0).pages);
    expect(theirs).toContain(other.vin);
    for (const mine of [d.vinA, 'SITE0001', d.cardA1.cardNo, '公交一公司']) expect(theirs).not.toContain(mine);
  });

  it("a station created with an administrator holds the administrator's cards, even when the cards were logged before it existed", async () => {
    const post = async (path: string, body: unknown) => (await t.call('POST', path, { token: t.admin, body })).json;
    const m = (await post('/api/v1/members', { kind: 'virtual', name: '北站通卡' })).id;
    await post(`/api/v1/members/${m}/cards`, { cardNo: 'NORTH001' });
    stationViews.stationHead(db(), d.station); // folds the card's mark into the log while no station holds it
    const north = (await post('/api/v1/stations', { name: '西站', tariff: { fenPerKwh: 110 }, adminMemberId: m })).id as number;
    expect(north).toBeTypeOf('number');
    const view = replay(pages(north, 0).pages);
    expect(view.get('card:NORTH001')).toMatchObject({ stationAdmin: true, memberId: String(m) });
    expect(replay(pages(d.station, 0).pages).has('card:NORTH001')).toBe(false);
  });

  it('unbinding a department deletes it, its vehicles and its cards as deltas; rebinding brings them back', async () => {
    const start = pages(d.station, 0);
    const before = replay(start.pages);
    await t.call('PUT', `/api/v1/departments/${d.b}/stations`, { token: t.admin, body: { stationIds: [] } });
    const p = pages(d.station, start.head);
    expect(p.mode).toBe('delta');
    const deleted = p.pages
      .flatMap((x) => x.changes)
      .filter((c) => c.op === 'delete')
      .map((c) => `${c.entity}:${c.key}`);
    expect(deleted.sort()).toEqual([`card:${d.cardB.cardNo}`, `department:${d.b}`, `vehicle:${d.vinB}`].sort());
    const after = replay(p.pages, new Map(before));
    expect(after).toEqual(held(d.station));
    await t.call('PUT', `/api/v1/departments/${d.b}/stations`, { token: t.admin, body: { stationIds: [d.station] } });
    expect(replay(pages(d.station, p.head).pages, after).has(`vehicle:${d.vinB}`)).toBe(true);
  });

  it('deleting a vehicle, a pool reaching its floor and a stop-password change each reach the view as one delta', async () => {
    const h0 = stationViews.stationHead(db(), d.station);
    await t.call('DELETE', `/api/v1/vehicles/${d.vinA}`, { token: t.admin });
    let p = pages(d.station, h0);
    expect(p.pages.flatMap((x) => x.changes)).toEqual([expect.objectContaining({ entity: 'vehicle', op: 'delete', key: d.vinA })]);
    await t.call('PATCH', `/api/v1/departments/${d.b}`, { token: t.admin, body: { floorFen: 1_000_000 } });
    const h1 = p.head;
    p = pages(d.station, h1);
    expect(p.pages.flatMap((x) => x.changes)).toEqual([expect.objectContaining({ entity: 'department', key: String(d.b), row: expect.objectContaining({ canPay: false }) })]);
    await t.call('PATCH', `/api/v1/departments/${d.b}`, { token: t.admin, body: { stopPassword: '24680' } });
    const c = pages(d.station, p.head).pages.flatMap((x) => x.changes);
    expect(c).toEqual([expect.objectContaining({ entity: 'department', row: expect.objectContaining({ stopPasswordVersion: 1, stopPasswordHash: expect.stringMatching(/^scrypt\$/) }) })]);
  });

  it('a fixed-password change upserts the new row and deletes the old; an unchanged registry logs nothing', async () => {
    await t.call('PATCH', `/api/v1/stations/${d.station}`, { token: t.admin, body: { fixedPassword: '246810' } });
    const h = stationViews.stationHead(db(), d.station);
    const first = held(d.station);
    const oldKey = [...first.keys()].find((k) => k.startsWith('fixed-password:'))!;
    expect(oldKey).toBeDefined();
    await t.call('PATCH', `/api/v1/stations/${d.station}`, { token: t.admin, body: { fixedPassword: '135790' } });
    const c = pages(d.station, h).pages.flatMap((x) => x.changes);
    expect(c.map((x) => `${x.op}:${x.entity}`).sort()).toEqual(['delete:fixed-password', 'upsert:fixed-password']);
    expect(c.find((x) => x.op === 'delete')!.key).toBe(oldKey.split(':')[1]);
    const h2 = stationViews.stationHead(db(), d.station);
    await t.call('PATCH', `/api/v1/stations/${d.station}`, { token: t.admin, body: { name: '北站' } });
    expect(stationViews.stationHead(db(), d.station)).toBe(h2);
  });

  it('a tariff change reaches the station row; an up-to-date pile gets one empty page at the head', async () => {
    const h = stationViews.stationHead(db(), d.station);
    expect(pages(d.station, h).pages).toEqual([{ kind: 'delta', fromVersion: h, toVersion: h, changes: [] }]);
    await t.call('PATCH', `/api/v1/stations/${d.station}`, { token: t.admin, body: { tariff: { fenPerKwh: 150, periods: [] } } });
    const c = pages(d.station, h).pages.flatMap((x) => x.changes);
    expect(c).toEqual([expect.objectContaining({ entity: 'station', row: expect.objectContaining({ tariff: { fenPerKwh: 150, periods: [] } }) })]);
  });

  it('a pile claiming a version the cloud never issued gets a snapshot', () => {
    expect(pages(d.station, 10_000_000).mode).toBe('snapshot');
  });

  it("compaction: old entries go (never a station's head); a pile behind the floor gets a snapshot, one at or above it deltas", async () => {
    const before = stationViews.stationHead(db(), d.station);
    const vin = aVin(778);
    await t.call('POST', '/api/v1/vehicles', { token: t.admin, body: { vin, plate: aPlate(778), departmentId: d.a } });
    const head = stationViews.stationHead(db(), d.station);
    expect(head).toBeGreaterThan(before);
    const otherHead = stationViews.stationHead(db(), other.station);
    const deleted = compactViewLog(db(), '9999-01-01T00:00:00.000Z');
    expect(deleted).toBeGreaterThan(0);
    // Each station keeps exactly its head; the heads do not move.
    expect(db().prepare('SELECT count(*) FROM view_log WHERE station_id = ?').pluck().get(d.station)).toBe(1);
    expect(stationViews.stationHead(db(), d.station)).toBe(head);
    expect(stationViews.stationHead(db(), other.station)).toBe(otherHead);
    const floor = db().prepare('SELECT version FROM view_floor WHERE station_id = ?').pluck().get(d.station) as number;
    expect(floor).toBe(before);
    expect(pages(d.station, before - 1).mode).toBe('snapshot');
    expect(replay(pages(d.station, before - 1).pages)).toEqual(held(d.station));
    const atFloor = pages(d.station, floor);
    expect(atFloor.mode).toBe('delta');
    expect(atFloor.pages.flatMap((p) => p.changes).map((c) => c.key)).toEqual([vin]);
    expect(pages(d.station, head).mode).toBe('delta');
    // A second compaction changes nothing.
    expect(compactViewLog(db(), '9999-01-01T00:00:00.000Z')).toBe(0);
  });

  it('compaction keeps entries younger than the retention', () => {
    const n = db().prepare('SELECT count(*) FROM view_log').pluck().get() as number;
    expect(compactViewLog(db(), '2000-01-01T00:00:00.000Z')).toBe(0);
    expect(db().prepare('SELECT count(*) FROM view_log').pluck().get()).toBe(n);
  });
});
