// A small depot set up through the HTTP API, shared by the permission, session and report tests:
// company A (id a) with fleet A1 under it, company B (VIN-only: its fleet card charges its registered
// vehicles, mode 3), one station with a pile, members and cards,
// vehicles, and fleet accounts for A and B.
import { aPlate, aVin, type TestCloud } from './test-cloud.js';

export interface Depot {
  a: number;
  a1: number;
  b: number;
  station: number;
  pileId: string;
  pileSecret: string;
  siteCard: { memberId: number; cardNo: string };
  cardA1: { memberId: number; cardNo: string };
  cardB: { memberId: number; cardNo: string };
  vinA: string;
  vinA1: string;
  vinB: string;
  fleetA: string;
  fleetB: string;
}

export async function setUpDepot(t: Pick<TestCloud, 'call' | 'admin' | 'login'>): Promise<Depot> {
  const post = async (path: string, body: unknown) => {
    const r = await t.call('POST', path, { token: t.admin, body });
    if (r.status !== 201) throw new Error(`POST ${path}: ${r.status} ${r.text}`);
    return r.json;
  };
  const a = (await post('/api/v1/departments', { name: '公交一公司' })).id;
  const a1 = (await post('/api/v1/departments', { name: '一车队', parentId: a })).id;
  const b = (await post('/api/v1/departments', { name: '公交二公司', vinOnly: true })).id; // a mode 3 fleet: fleet card + VIN
  const station = (await post('/api/v1/stations', { name: '北站', tariff: { fenPerKwh: 100 } })).id;
  const pile = await post(`/api/v1/stations/${station}/piles`, { pileId: 'P1', connectors: 2 });
  for (const d of [a, a1, b]) await t.call('PUT', `/api/v1/departments/${d}/stations`, { token: t.admin, body: { stationIds: [station] } });
  const site = (await post('/api/v1/members', { kind: 'virtual', name: '站点通卡A' })).id;
  await post(`/api/v1/members/${site}/cards`, { cardNo: 'SITE0001' });
  await post(`/api/v1/members/${site}/top-ups`, { amountFen: 99_999_900 });
  await t.call('PATCH', `/api/v1/stations/${station}`, { token: t.admin, body: { adminMemberId: site } });
  const mA1 = (await post('/api/v1/members', { kind: 'real', name: '沪A00001D', departmentId: a1 })).id;
  await post(`/api/v1/members/${mA1}/cards`, { cardNo: 'A1CARD01' });
  const mB = (await post('/api/v1/members', { kind: 'virtual', name: '公交车队B', departmentId: b })).id;
  await post(`/api/v1/members/${mB}/cards`, { cardNo: 'BCARD001' });
  const vinA = aVin(1);
  const vinA1 = aVin(2);
  const vinB = aVin(3);
  await post('/api/v1/vehicles', { vin: vinA, plate: aPlate(100), departmentId: a });
  await post('/api/v1/vehicles', { vin: vinA1, plate: aPlate(101), departmentId: a1 });
  await post('/api/v1/vehicles', { vin: vinB, plate: aPlate(200), departmentId: b });
  for (const d of [a, a1, b]) await post(`/api/v1/departments/${d}/top-ups`, { amountFen: 1_000_000 });
  await post('/api/v1/accounts', { username: 'fleet-a', password: 'fleet-a-secret-26', role: 'fleet', departmentId: a });
  await post('/api/v1/accounts', { username: 'fleet-b', password: 'fleet-b-secret-26', role: 'fleet', departmentId: b });
  return {
    a,
    a1,
    b,
    station,
    pileId: 'P1',
    pileSecret: pile.secret,
    siteCard: { memberId: site, cardNo: 'SITE0001' },
    cardA1: { memberId: mA1, cardNo: 'A1CARD01' },
    cardB: { memberId: mB, cardNo: 'BCARD001' },
    vinA,
    vinA1,
    vinB,
    fleetA: await t.login('fleet-a', 'fleet-a-secret-26'),
    fleetB: await t.login('fleet-b', 'fleet-b-secret-26'),
  };
}
