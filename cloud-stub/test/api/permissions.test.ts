// The permission matrix (docs/charging-modes.md rule 7): the operator sees and changes everything; fleet A
// (company A with sub-fleet A1) and fleet B see only their own subtree, may register and edit their
// own vehicles and change their departments' stop password/name, and get 403/404 — never data —
// for anything else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlate, aSessionRecord, aVin, startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';

let t: TestCloud;
let d: Depot;
beforeAll(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
  for (const [dept, vin, payer] of [
    [d.a1, d.vinA1, d.a1],
    [d.b, d.vinB, d.b],
  ] as const)
    t.cloud.ingest(
      aSessionRecord({ mode: 4, stationId: d.station, credential: { kind: 'vin-button' }, vin, vinStatus: 'valid', payer: { kind: 'department', departmentId: payer }, attributedDepartmentId: dept }),
    );
});
afterAll(() => t.close());

type Who = 'operator' | 'fleetA' | 'fleetB';
const tok = (who: Who) => (who === 'operator' ? t.admin : who === 'fleetA' ? d.fleetA : d.fleetB);
const call = (who: Who, method: string, path: string, body?: unknown) => t.call(method, path, { token: tok(who), body });

describe('reads are confined to the subtree', () => {
  it('departments', async () => {
    const ids = async (who: Who) => (await call(who, 'GET', '/api/v1/departments')).json.map((x: { id: number }) => x.id);
    expect(await ids('operator')).toEqual([d.a, d.a1, d.b]);
    expect(await ids('fleetA')).toEqual([d.a, d.a1]);
    expect(await ids('fleetB')).toEqual([d.b]);
    expect((await call('fleetA', 'GET', `/api/v1/departments/${d.b}`)).status).toBe(404);
    expect((await call('fleetA', 'GET', `/api/v1/departments/${d.a1}`)).status).toBe(200);
    expect((await call('fleetB', 'GET', `/api/v1/departments/${d.a}/ledger`)).status).toBe(404);
    expect((await call('fleetA', 'GET', `/api/v1/departments/${d.a}/ledger`)).status).toBe(200);
    expect((await call('fleetB', 'GET', `/api/v1/departments/${d.a}/stations`)).status).toBe(404);
  });

  it('members and cards', async () => {
    const ids = async (who: Who) => (await call(who, 'GET', '/api/v1/members')).json.map((x: { id: number }) => x.id);
    expect(await ids('operator')).toEqual([d.siteCard.memberId, d.cardA1.memberId, d.cardB.memberId]);
    expect(await ids('fleetA')).toEqual([d.cardA1.memberId]);
    expect(await ids('fleetB')).toEqual([d.cardB.memberId]);
    expect((await call('fleetA', 'GET', `/api/v1/members/${d.cardB.memberId}`)).status).toBe(404);
    expect((await call('fleetA', 'GET', `/api/v1/members/${d.siteCard.memberId}`)).status).toBe(404);
    expect((await call('fleetB', 'GET', `/api/v1/members/${d.cardA1.memberId}/ledger`)).status).toBe(404);
  });

  it('stations: only bound ones, without administrator or password; piles are operator-only', async () => {
    const r = await call('fleetA', 'GET', '/api/v1/stations');
    expect(r.json).toHaveLength(1);
    expect(r.json[0]).toMatchObject({ id: d.station, adminMemberId: null, fixedPasswordSet: false });
    expect((await call('operator', 'GET', `/api/v1/stations/${d.station}`)).json.adminMemberId).toBe(d.siteCard.memberId);
    expect((await call('fleetA', 'GET', `/api/v1/piles/${d.pileId}`)).status).toBe(403);
  });

  it('vehicles and the auto-search', async () => {
    const vins = async (who: Who, q = '') => (await call(who, 'GET', `/api/v1/vehicles${q}`)).json.map((x: { vin: string }) => x.vin).sort();
    expect(await vins('operator')).toEqual([d.vinA, d.vinA1, d.vinB].sort());
    expect(await vins('fleetA')).toEqual([d.vinA, d.vinA1].sort());
    expect(await vins('fleetB')).toEqual([d.vinB]);
    expect(await vins('fleetA', `?q=${d.vinB}`)).toEqual([]);
    expect((await call('fleetA', 'GET', `/api/v1/vehicles/${d.vinB}`)).status).toBe(404);
  });

  it('sessions', async () => {
    const depts = async (who: Who, q = '') => (await call(who, 'GET', `/api/v1/sessions${q}`)).json.items.map((s: { departmentId: number }) => s.departmentId).sort();
    expect(await depts('operator')).toEqual([d.a1, d.b].sort());
    expect(await depts('fleetA')).toEqual([d.a1]);
    expect(await depts('fleetB')).toEqual([d.b]);
    expect((await call('fleetA', 'GET', `/api/v1/sessions?departmentId=${d.b}`)).status).toBe(404);
    expect(await depts('fleetB', `?vin=${d.vinA1}`)).toEqual([]);
  });

  it('reports: defaults to the fleet subtree; another fleet is 404', async () => {
    const a = await call('fleetA', 'GET', '/api/v1/reports/company');
    expect(a.status).toBe(200);
    expect(a.json.departmentId).toBe(d.a);
    expect(a.json.rows.map((r: { vin: string }) => r.vin)).toEqual([d.vinA1]);
    expect((await call('fleetA', 'GET', `/api/v1/reports/company?departmentId=${d.b}`)).status).toBe(404);
    expect((await call('fleetB', 'GET', `/api/v1/reports/one-card-one-car?departmentId=${d.a}&format=csv`)).status).toBe(404);
    expect((await call('fleetB', 'GET', `/api/v1/reports/company?format=csv`)).text).not.toContain(d.vinA1);
  });
});

describe('writes a fleet may not make', () => {
  it.each([
    ['POST', '/api/v1/departments', { name: 'x' }],
    ['DELETE', '/api/v1/departments/ID_A1', undefined],
    ['POST', '/api/v1/departments/ID_A/top-ups', { amountFen: 100 }],
    ['POST', '/api/v1/departments/ID_A/corrections', { amountFen: 100, reason: 'x' }],
    ['PUT', '/api/v1/departments/ID_A/stations', { stationIds: [] }],
    ['POST', '/api/v1/members', { kind: 'real', name: 'x', departmentId: 0 }],
    ['POST', '/api/v1/members/ID_MA1/cards', { cardNo: 'FFFF0001' }],
    ['POST', '/api/v1/members/ID_MA1/top-ups', { amountFen: 100 }],
    ['POST', '/api/v1/stations', { name: 'x' }],
    ['PATCH', '/api/v1/stations/ID_S', { fixedPassword: '1234' }],
    ['POST', '/api/v1/stations/ID_S/piles', { pileId: 'X1', connectors: 1 }],
    ['POST', '/api/v1/accounts', { username: 'sneaky', password: 'sneaky-login-2026', role: 'operator' }],
    ['GET', '/api/v1/accounts', undefined],
  ])('fleet A: %s %s → 403', async (method, path, body) => {
    const p = path.replace('ID_A1', String(d.a1)).replace('ID_A', String(d.a)).replace('ID_MA1', String(d.cardA1.memberId)).replace('ID_S', String(d.station));
    const r = await call('fleetA', method, p, body);
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('forbidden');
  });

  it('department: only name and stop password, and only in the subtree', async () => {
    expect((await call('fleetA', 'PATCH', `/api/v1/departments/${d.a1}`, { stopPassword: '2468' })).json.stopPasswordVersion).toBe(1);
    const vinOnly = await call('fleetA', 'PATCH', `/api/v1/departments/${d.a1}`, { vinOnly: true });
    expect(vinOnly.status).toBe(403);
    expect(vinOnly.json.field).toBe('vinOnly');
    expect((await call('fleetA', 'PATCH', `/api/v1/departments/${d.a}`, { floorFen: -100 })).status).toBe(403);
    expect((await call('fleetB', 'PATCH', `/api/v1/departments/${d.a}`, { stopPassword: '1357' })).status).toBe(404);
  });

  it('vehicles: own subtree only, cannot move one out of it', async () => {
    expect((await call('fleetA', 'POST', '/api/v1/vehicles', { vin: aVin(50), plate: aPlate(50), departmentId: d.a1 })).status).toBe(201);
    const other = await call('fleetA', 'POST', '/api/v1/vehicles', { vin: aVin(51), plate: aPlate(51), departmentId: d.b });
    expect(other.status).toBe(403);
    expect(other.json.field).toBe('departmentId');
    expect((await call('fleetA', 'PATCH', `/api/v1/vehicles/${d.vinA}`, { departmentId: d.b })).status).toBe(403);
    expect((await call('fleetA', 'PATCH', `/api/v1/vehicles/${d.vinB}`, { plate: aPlate(52) })).status).toBe(404);
    expect((await call('fleetA', 'DELETE', `/api/v1/vehicles/${d.vinB}`)).status).toBe(404);
    expect((await call('operator', 'GET', `/api/v1/vehicles/${d.vinB}`)).json.plate).toBe(aPlate(200));
  });

  it('import: rows for another fleet (or updating its vehicles) fail the whole file', async () => {
    const csv = `vin,plate,departmentId\n${aVin(60)},${aPlate(60)},${d.a}\n${aVin(61)},${aPlate(61)},${d.b}\n${d.vinB},${aPlate(62)},${d.a}\n`;
    const r = await t.call('POST', '/api/v1/vehicles/import', { token: d.fleetA, raw: csv, contentType: 'text/csv' });
    expect(r.status).toBe(422);
    expect(r.json.errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect((await call('operator', 'GET', `/api/v1/vehicles/${aVin(60)}`)).status).toBe(404);
  });
});
