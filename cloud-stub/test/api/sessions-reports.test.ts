// Sessions list filters and paging, and both reports checked against a known set of sessions
// (JSON totals, CSV text, XLSX cells).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlate, aSessionRecord, startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';

let t: TestCloud;
let d: Depot;

// Known sessions (flat 100 fen/kWh). Local day = UTC+8.
//  s1 mode 4, vinA1 (A1), 2024-05-01 02:00Z, 10.000 kWh, 1000 fen
//  s2 mode 4, vinA1 (A1), 2024-05-01 05:00Z, 12.345 kWh, 1235 fen (1234.5 rounds half up)
//  s3 mode 4, vinA  (A),  2024-05-02 01:00Z, 20.000 kWh, 2000 fen
//  s4 mode 2, card A1CARD01 (A1, no VIN), 2024-05-01 16:30Z (= 05-02 local), 5.000 kWh, 500 fen
//  s5 mode 3, vinB  (B),  2024-05-01 03:00Z, 7.000 kWh, 700 fen
//  s6 mode 1, site card, unknown vehicle → unattributed, 2024-05-01 04:00Z, 1.000 kWh
beforeAll(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
  const base = { stationId: d.station, connectorId: 1 as const, pileId: 'P1' };
  const dept = (id: number) => ({ kind: 'department' as const, departmentId: id });
  const at = (iso: string, minutes = 60) => ({ startedAt: iso, stoppedAt: new Date(Date.parse(iso) + minutes * 60_000).toISOString() });
  const recs = [
    aSessionRecord({ ...base, mode: 4, credential: { kind: 'vin-button' }, vin: d.vinA1, vinStatus: 'valid', payer: dept(d.a1), meterStopWh: 10_000, ...at('2024-05-01T02:00:00Z') }),
    aSessionRecord({ ...base, mode: 4, credential: { kind: 'vin-button' }, vin: d.vinA1, vinStatus: 'valid', payer: dept(d.a1), meterStopWh: 12_345, ...at('2024-05-01T05:00:00Z') }),
    aSessionRecord({ ...base, mode: 4, credential: { kind: 'vin-button' }, vin: d.vinA, vinStatus: 'valid', payer: dept(d.a), meterStopWh: 20_000, ...at('2024-05-02T01:00:00Z') }),
    aSessionRecord({ ...base, mode: 2, credential: { kind: 'card', cardNo: d.cardA1.cardNo }, payer: dept(d.a1), meterStopWh: 5_000, ...at('2024-05-01T16:30:00Z') }),
    aSessionRecord({ ...base, mode: 3, credential: { kind: 'card', cardNo: d.cardB.cardNo }, vin: d.vinB, vinStatus: 'valid', payer: dept(d.b), meterStopWh: 7_000, ...at('2024-05-01T03:00:00Z') }),
    aSessionRecord({
      ...base,
      mode: 1,
      credential: { kind: 'card', cardNo: d.siteCard.cardNo },
      payer: { kind: 'member', memberId: d.siteCard.memberId },
      meterStopWh: 1_000,
      ...at('2024-05-01T04:00:00Z'),
    }),
  ];
  const now = t.clock.now();
  t.clock.set(Date.parse('2024-05-02T12:00:00Z')); // after the last session (the cloud refuses sessions a day ahead of it)
  for (const r of recs) expect(t.cloud.ingest(r)).toMatchObject({ status: 'ingested' });
  t.clock.set(now); // the logins' tokens stay valid
});
afterAll(() => t.close());

const get = (path: string, token = t.admin) => t.call('GET', path, { token });

describe('GET /api/v1/sessions', () => {
  it('lists newest first with paging and totals', async () => {
    const p1 = await get('/api/v1/sessions?pageSize=4');
    expect(p1.json).toMatchObject({ page: 1, pageSize: 4, total: 6 });
    expect(p1.json.items.map((s: { startedAt: string }) => s.startedAt)).toEqual(['2024-05-02T01:00:00Z', '2024-05-01T16:30:00Z', '2024-05-01T05:00:00Z', '2024-05-01T04:00:00Z']);
    const p2 = await get('/api/v1/sessions?pageSize=4&page=2');
    expect(p2.json.items).toHaveLength(2);
  });

  it.each([
    ['?from=2024-05-02&to=2024-05-02', 2], // local day 05-02 = 04-30/05-01 16:00Z …
    ['?from=2024-05-01T00:00:00Z&to=2024-05-01T04:00:00Z', 2],
    ['?departmentId=DA', 4], // A and A1
    ['?departmentId=DA1', 3],
    ['?vin=VINA1', 2],
    ['?cardNo=a1card01', 1],
    ['?stationId=S', 6],
    ['?stationId=999', 0],
  ])('filters %s → %i', async (q, n) => {
    const query = q.replace('DA1', String(d.a1)).replace('DA', String(d.a)).replace('VINA1', d.vinA1).replace('=S', `=${d.station}`);
    const r = await get(`/api/v1/sessions${query}`);
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(n);
  });

  it.each([
    ['?from=yesterday', 'from'],
    ['?to=2024-02-30', 'to'],
    ['?from=2024-05-02&to=2024-05-01', 'to'],
    ['?page=0', 'page'],
    ['?stationId=abc', 'stationId'],
    ['?colour=red', 'colour'],
  ])('refuses %s naming %s', async (q, field) => {
    const r = await get(`/api/v1/sessions${q}`);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe(field);
  });
});

describe('company report', () => {
  it('covers the department and its sub-departments, per local day and vehicle', async () => {
    const r = await get(`/api/v1/reports/company?departmentId=${d.a}&from=2024-05-01&to=2024-05-02`);
    expect(r.status).toBe(200);
    const rows = r.json.rows.map((x: Record<string, unknown>) => [x.day, x.plate, x.vin, x.cardNo, x.departmentId, x.sessions, x.energyWh, x.kWh, x.amountFen, x.yuan]);
    expect(rows).toEqual([
      ['2024-05-01', aPlate(101), d.vinA1, null, d.a1, 2, 22_345, '22.345', 2_235, '22.35'],
      ['2024-05-02', null, null, 'A1CARD01', d.a1, 1, 5_000, '5.000', 500, '5.00'],
      ['2024-05-02', aPlate(100), d.vinA, null, d.a, 1, 20_000, '20.000', 2_000, '20.00'],
    ]);
    expect(r.json.totals).toEqual({ sessions: 4, energyWh: 47_345, amountFen: 4_735 });
  });

  it('limits to the day range', async () => {
    const r = await get(`/api/v1/reports/company?departmentId=${d.a}&from=2024-05-02&to=2024-05-02`);
    expect(r.json.totals.sessions).toBe(2);
  });

  it('exports CSV with Chinese titles and XLSX with the same numbers', async () => {
    const csv = await get(`/api/v1/reports/company?departmentId=${d.a}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('company-');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('日期,车牌号,VIN,卡号,部门ID,部门,充电次数,电量(Wh),电量(kWh),金额(分),金额(元)');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(`2024-05-01,${aPlate(101)},${d.vinA1},,${d.a1},一车队,2,22345,22.345,2235,22.35`);
    const xlsx = await get(`/api/v1/reports/company?departmentId=${d.a}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('日期');
    expect(ws.getRow(2).getCell(7).value).toBe(2);
    expect(ws.getRow(2).getCell(10).value).toBe(2235);
  });

  it('needs the department to exist; an operator without departmentId gets all attributed sessions', async () => {
    expect((await get('/api/v1/reports/company?departmentId=999')).status).toBe(404);
    const all = await get('/api/v1/reports/company');
    expect(all.json.totals.sessions).toBe(5);
    expect((await get('/api/v1/reports/company?format=pdf')).json.field).toBe('format');
  });
});

describe('one card one car', () => {
  it('sums per card within the department subtree', async () => {
    const r = await get(`/api/v1/reports/one-card-one-car?departmentId=${d.a}`);
    expect(r.json.rows).toEqual([
      { cardNo: 'A1CARD01', memberName: '沪A00001D', plate: null, departmentId: d.a1, departmentName: '一车队', sessions: 1, energyWh: 5_000, kWh: '5.000', amountFen: 500, yuan: '5.00' },
    ]);
  });

  it('for the operator without a department: every card, including the station card (unattributed)', async () => {
    const r = await get('/api/v1/reports/one-card-one-car?format=json');
    expect(r.json.rows.map((x: { cardNo: string; sessions: number }) => [x.cardNo, x.sessions])).toEqual([
      ['A1CARD01', 1],
      ['BCARD001', 1],
      ['SITE0001', 1],
    ]);
  });

  it('exports CSV', async () => {
    const r = await get(`/api/v1/reports/one-card-one-car?departmentId=${d.b}&format=csv`);
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('卡号,会员,车牌号,部门ID,部门,充电次数,电量(Wh),电量(kWh),金额(分),金额(元)');
    expect(lines[1]).toBe(`BCARD001,公交车队B,${aPlate(200)},${d.b},公交二公司,1,7000,7.000,700,7.00`);
  });
});
