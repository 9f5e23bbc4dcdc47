// Vehicles: registration with VIN/plate validation and duplicates, the auto-search, edit/delete,
// template downloads, and the all-or-nothing import from CSV and XLSX.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlate, aVin, startTestCloud, type TestCloud } from '../providers/test-cloud.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestCloud;
let d1: number;
let d2: number;
beforeAll(async () => {
  t = await startTestCloud();
  d1 = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '部门1' } })).json.id;
  d2 = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '部门2' } })).json.id;
});
afterAll(() => t.close());

const post = (body: unknown) => t.call('POST', '/api/v1/vehicles', { token: t.admin, body });
const count = () => t.cloud.db.prepare('SELECT COUNT(*) FROM vehicles').pluck().get() as number;
const importCsv = (csv: string) => t.call('POST', '/api/v1/vehicles/import', { token: t.admin, raw: csv, contentType: 'text/csv; charset=utf-8' });

describe('registration', () => {
  it('registers a vehicle, normalising case and plate separators', async () => {
    const r = await post({ vin: aVin(1).toLowerCase(), plate: '沪a·00001d', departmentId: d1 });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ vin: aVin(1), plate: '沪A00001D', departmentId: d1 });
  });

  it.each([
    [{ vin: 'LZYTBTE0300000002', plate: aPlate(9), departmentId: 1 }, 'vin', 'invalid-vin', /check digit/],
    [{ vin: 'LZYTBTE0I00000002', plate: aPlate(9), departmentId: 1 }, 'vin', 'invalid-vin', /17 characters/],
    [{ vin: aVin(2), plate: 'XA12345', departmentId: 1 }, 'plate', 'invalid-plate', /province/],
    [{ vin: aVin(2), plate: aPlate(9), departmentId: 99 }, 'departmentId', 'unknown-department', /99/],
    [{ vin: aVin(1), plate: aPlate(9), departmentId: 1 }, 'vin', 'duplicate-vin', /already/],
    [{ vin: aVin(2), plate: aPlate(1), departmentId: 1 }, 'plate', 'duplicate-plate', /already/],
  ])('refuses %o naming %s', async (body, field, error, message) => {
    const r = await post(body);
    expect(r.status === 400 || r.status === 409).toBe(true);
    expect(r.json).toMatchObject({ error, field });
    expect(r.json.message).toMatch(message);
  });

  it('auto-searches by part of a VIN or plate', async () => {
    await post({ vin: aVin(2), plate: aPlate(2), departmentId: d2 });
    expect((await t.call('GET', '/api/v1/vehicles?q=00001', { token: t.admin })).json.map((v: { vin: string }) => v.vin)).toEqual([aVin(1)]);
    expect((await t.call('GET', `/api/v1/vehicles?q=${encodeURIComponent('a00002')}`, { token: t.admin })).json.map((v: { vin: string }) => v.vin)).toEqual([aVin(2)]);
    expect((await t.call('GET', `/api/v1/vehicles?q=${aVin(2).slice(-5)}`, { token: t.admin })).json).toHaveLength(1);
    expect((await t.call('GET', `/api/v1/vehicles?departmentId=${d2}`, { token: t.admin })).json).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/vehicles?q=%25', { token: t.admin })).json).toHaveLength(0);
  });

  it('edits, reads and deletes by VIN', async () => {
    const r = await t.call('PATCH', `/api/v1/vehicles/${aVin(2)}`, { token: t.admin, body: { plate: aPlate(3), departmentId: d1 } });
    expect(r.json).toMatchObject({ plate: aPlate(3), departmentId: d1 });
    expect((await t.call('PATCH', `/api/v1/vehicles/${aVin(2)}`, { token: t.admin, body: { plate: aPlate(1) } })).json.error).toBe('duplicate-plate');
    expect((await t.call('GET', `/api/v1/vehicles/${aVin(2)}`, { token: t.admin })).json.plate).toBe(aPlate(3));
    expect((await t.call('DELETE', `/api/v1/vehicles/${aVin(2)}`, { token: t.admin })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/vehicles/${aVin(2)}`, { token: t.admin })).status).toBe(404);
  });
});

describe('template', () => {
  it('serves the CSV and XLSX templates with the Chinese header', async () => {
    const csv = await t.call('GET', '/api/v1/vehicles/template.csv', { token: t.admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('vehicles-template.csv');
    expect(csv.text).toContain('车架号(VIN),车牌号,部门ID');
    const xlsx = await t.call('GET', '/api/v1/vehicles/template.xlsx', { token: t.admin });
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '车架号(VIN)', '车牌号', '部门ID']);
  });
});

describe('import', () => {
  it('imports new rows and updates known VINs from CSV (aliases accepted)', async () => {
    const csv = `vin,plate,departmentId\n${aVin(1)},${aPlate(1)},${d2}\n${aVin(10)},${aPlate(10)},${d1}\n${aVin(11)},${aPlate(11)},${d2}\n`;
    const r = await importCsv(csv);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ imported: 2, updated: 1 });
    expect((await t.call('GET', `/api/v1/vehicles/${aVin(1)}`, { token: t.admin })).json.departmentId).toBe(d2);
  });

  it('applies nothing when any row is bad, and lists every problem with the row the user sees', async () => {
    const before = count();
    const csv = [
      '车架号(VIN),车牌号,部门ID',
      `${aVin(20)},${aPlate(20)},${d1}`, // row 2 fine
      `${aVin(21)},${aPlate(21)},99`, // row 3 unknown department
      `${aVin(20)},${aPlate(22)},${d1}`, // row 4 VIN repeated in the file
      `${aVin(23)},${aPlate(10)},${d1}`, // row 5 plate owned by another vehicle
      `LZYTBTE0300000099,${aPlate(24)},${d1}`, // row 6 bad check digit (parser or registry)
    ].join('\n');
    const r = await importCsv(csv);
    expect(r.status).toBe(422);
    const rows = r.json.errors.map((e: { row: number }) => e.row);
    expect(rows).toEqual(expect.arrayContaining([3, 4, 5, 6]));
    expect(rows).not.toContain(2);
    expect(r.json.errors.find((e: { row: number }) => e.row === 3)).toMatchObject({ column: '部门ID' });
    expect(r.json.errors.find((e: { row: number }) => e.row === 5).message).toContain(aVin(10));
    expect(count()).toBe(before);
    expect((await t.call('GET', `/api/v1/vehicles/${aVin(20)}`, { token: t.admin })).status).toBe(404);
  });

  it('lets a file swap two plates between registered vehicles', async () => {
    const r = await importCsv(`vin,plate,departmentId\n${aVin(10)},${aPlate(11)},${d1}\n${aVin(11)},${aPlate(10)},${d2}\n`);
    expect(r.json).toEqual({ imported: 0, updated: 2 });
    expect((await t.call('GET', `/api/v1/vehicles/${aVin(10)}`, { token: t.admin })).json.plate).toBe(aPlate(11));
  });

  it('imports an XLSX file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('车辆');
    ws.addRow(['车架号(VIN)', '车牌号', '部门ID']);
    ws.addRow([aVin(30), aPlate(30), d1]);
    ws.addRow([aVin(31), aPlate(31), d2]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await t.call('POST', '/api/v1/vehicles/import', { token: t.admin, raw: body, contentType: XLSX });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ imported: 2, updated: 0 });
  });

  it('answers 422 for an empty body or a file that is no table', async () => {
    expect((await importCsv('')).status).toBe(422);
    const r = await t.call('POST', '/api/v1/vehicles/import', { token: t.admin, raw: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), contentType: 'application/octet-stream' });
    expect(r.status).toBe(422);
    expect(r.json.errors[0].message).toMatch(/xls/i);
  });

  it('requires a token for import', async () => {
    expect((await t.call('POST', '/api/v1/vehicles/import', { raw: 'vin,plate,departmentId\n', contentType: 'text/csv' })).status).toBe(401);
  });
});
