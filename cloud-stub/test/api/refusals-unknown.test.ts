// GET /api/v1/refusals (filters, paging, a fleet sees only its subtree's) and GET
// /api/v1/vehicles/unknown (operator; registered VINs drop out; not captured by /vehicles/{vin}),
// over rows inserted as the MQTT sync would write them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiCloud, type ApiCloud } from '../providers/api-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { aPlate, aVin } from '../providers/test-cloud.js';

let t: ApiCloud;
let d: Depot;
const admin = (method: string, path: string, body?: unknown) => t.call(method, path, { token: t.admin, body });

function refusal(id: string, at: string, departmentId: number | null, pileId = 'P1'): void {
  t.db
    .prepare(
      `INSERT INTO refusals (id, pile_id, connector_id, station_id, at, credential_kind, card_no, vin, vin_status, reason, mode, department_id, received_at)
     VALUES (?, ?, 1, ?, ?, 'card', 'A1CARD01', NULL, 'absent', 'pool-at-floor', 2, ?, ?)`,
    )
    .run(id, pileId, d.station, at, departmentId, at);
}

beforeAll(async () => {
  t = await startApiCloud();
  d = await setUpDepot(t);
  refusal('r1', '2024-05-01T01:00:00Z', d.a1);
  refusal('r2', '2024-05-01T02:00:00.500Z', d.b);
  refusal('r3', '2024-05-02T03:00:00Z', null, 'P9');
  refusal('r4', '2024-05-01T02:00:00Z', d.a);
});
afterAll(() => t.close());

describe('refusals', () => {
  it('lists every refusal for the operator, newest first, paged', async () => {
    const r = await admin('GET', '/api/v1/refusals');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ page: 1, pageSize: 50, total: 4 });
    expect(r.json.items.map((x: { id: string }) => x.id)).toEqual(['r3', 'r2', 'r4', 'r1']);
    expect(r.json.items[3]).toEqual({
      id: 'r1',
      pileId: 'P1',
      connectorId: 1,
      stationId: d.station,
      at: '2024-05-01T01:00:00Z',
      credentialKind: 'card',
      cardNo: 'A1CARD01',
      vin: null,
      vinStatus: 'absent',
      reason: 'pool-at-floor',
      mode: 2,
      departmentId: d.a1,
      receivedAt: '2024-05-01T01:00:00Z',
    });
    const p2 = await admin('GET', '/api/v1/refusals?page=2&pageSize=3');
    expect(p2.json.items.map((x: { id: string }) => x.id)).toEqual(['r1']);
  });

  it('filters by time (instants, and local days), station and pile', async () => {
    const ids = async (q: string) => (await admin('GET', `/api/v1/refusals?${q}`)).json.items.map((x: { id: string }) => x.id);
    expect(await ids('from=2024-05-01T02:00:00Z&to=2024-05-01T02:00:00.600Z')).toEqual(['r2', 'r4']);
    expect(await ids('from=2024-05-01T02:00:00.100Z')).toEqual(['r3', 'r2']);
    expect(await ids('to=2024-05-01')).toEqual(['r2', 'r4', 'r1']); // local day ends 2024-05-01T16:00Z
    expect(await ids('pileId=P9')).toEqual(['r3']);
    expect(await ids(`stationId=${d.station + 1}`)).toEqual([]);
    expect((await admin('GET', '/api/v1/refusals?from=yesterday')).json.field).toBe('from');
    expect((await admin('GET', '/api/v1/refusals?pageSize=501')).json.field).toBe('pageSize');
  });

  it('a fleet account sees only refusals of its departments', async () => {
    const a = await t.call('GET', '/api/v1/refusals', { token: d.fleetA });
    expect(a.json.items.map((x: { id: string }) => x.id)).toEqual(['r4', 'r1']);
    expect(a.json.total).toBe(2);
    const b = await t.call('GET', '/api/v1/refusals', { token: d.fleetB });
    expect(b.json.items.map((x: { id: string }) => x.id)).toEqual(['r2']);
    expect((await t.call('GET', '/api/v1/refusals')).status).toBe(401);
  });
});

describe('unknown VINs', () => {
  const v1 = aVin(901);
  const v2 = aVin(902);
  beforeAll(() => {
    const ins = t.db.prepare('INSERT INTO unknown_vins (vin, station_id, pile_id, first_at, last_at, count, last_outcome) VALUES (?, ?, ?, ?, ?, ?, ?)');
    ins.run(v1, d.station, 'P1', '2024-05-01T01:00:00Z', '2024-05-01T05:00:00Z', 3, 'refused');
    ins.run(v2, d.station, 'P1', '2024-05-01T02:00:00Z', '2024-05-01T06:00:00.250Z', 1, 'charged-unattributed');
    ins.run(v1, 999, 'PX', '2024-05-01T00:00:00Z', '2024-05-01T00:30:00Z', 1, 'refused');
  });

  it('lists them most recent first with the station name, filtered by station', async () => {
    const r = await admin('GET', '/api/v1/vehicles/unknown');
    expect(r.status).toBe(200);
    expect(r.json).toEqual([
      { vin: v2, stationId: d.station, stationName: '北站', pileId: 'P1', firstAt: '2024-05-01T02:00:00Z', lastAt: '2024-05-01T06:00:00.250Z', count: 1, lastOutcome: 'charged-unattributed' },
      { vin: v1, stationId: d.station, stationName: '北站', pileId: 'P1', firstAt: '2024-05-01T01:00:00Z', lastAt: '2024-05-01T05:00:00Z', count: 3, lastOutcome: 'refused' },
      { vin: v1, stationId: 999, stationName: null, pileId: 'PX', firstAt: '2024-05-01T00:00:00Z', lastAt: '2024-05-01T00:30:00Z', count: 1, lastOutcome: 'refused' },
    ]);
    expect((await admin('GET', '/api/v1/vehicles/unknown?stationId=999')).json.map((u: { pileId: string }) => u.pileId)).toEqual(['PX']);
  });

  it('is operator only', async () => {
    expect((await t.call('GET', '/api/v1/vehicles/unknown', { token: d.fleetA })).status).toBe(403);
    expect((await admin('GET', '/api/v1/vehicles/unknown?stationId=x')).json.field).toBe('stationId');
  });

  it('drops a VIN once it is registered (the rows stay)', async () => {
    expect((await admin('POST', '/api/v1/vehicles', { vin: v1, plate: aPlate(901), departmentId: d.a })).status).toBe(201);
    expect((await admin('GET', '/api/v1/vehicles/unknown')).json.map((u: { vin: string }) => u.vin)).toEqual([v2]);
    expect(t.db.prepare('SELECT COUNT(*) FROM unknown_vins WHERE vin = ?').pluck().get(v1)).toBe(2);
    expect((await admin('GET', `/api/v1/vehicles/${v1}`)).json.vin).toBe(v1);
  });
});
