// The vehicle file: header titles and aliases in any order, row numbers as the user sees them, each
// bad cell, duplicates, BOM / CRLF / quotes / trailing rows, GBK, content types, and the XLSX
// template round trip (template → fill rows with exceljs → parse).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseVehicleFile, vehicleTemplate, XLSX_CONTENT_TYPE } from './vehicle-import.js';
import { MAX_IMPORT_ERRORS } from './vehicle-rows.js';

const V1 = 'LZYTBTE66N1000001'; // check digit 6
const V2 = 'LGXCE4CB9P2000017'; // check digit 9
const csv = (text: string) => parseVehicleFile(Buffer.from(text, 'utf8'), 'text/csv; charset=utf-8');

describe('CSV header', () => {
  it('reads the template titles', async () => {
    const r = await csv(`车架号(VIN),车牌号,部门ID\n${V1},沪A32567,2\n`);
    expect(r).toEqual({
      rows: [{ row: 2, vin: V1, plate: '沪A32567', departmentId: 2 }],
      errors: [],
      columns: { vin: '车架号(VIN)', plate: '车牌号', departmentId: '部门ID' },
    });
  });

  it('reads the English aliases in any column order, ignoring unknown columns', async () => {
    const r = await csv(`note,departmentId,Plate,VIN\nx,7,粤BD12345,${V2}\n`);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, vin: V2, plate: '粤BD12345', departmentId: 7 }]);
    expect(r.columns).toEqual({ vin: 'VIN', plate: 'Plate', departmentId: 'departmentId' });
  });

  it('accepts full-width parentheses in the title', async () => {
    const r = await csv(`车架号（VIN）,车牌号,部门ID\n${V1},沪A32567,2\n`);
    expect(r.errors).toEqual([]);
  });

  it('names a missing required header once, on row 1', async () => {
    const r = await csv(`车架号(VIN),部门ID\n${V1},2\n`);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 1, column: '车牌号', message: expect.stringMatching(/missing column 车牌号/) }]);
  });

  it('refuses two columns naming the same field', async () => {
    const r = await csv(`vin,车架号,车牌号,部门ID\n`);
    expect(r.errors[0]).toMatchObject({ row: 1, column: '车架号', message: expect.stringMatching(/two columns/) });
  });
});

describe('CSV cells', () => {
  const header = '车架号(VIN),车牌号,部门ID\n';

  it.each([
    ['', '沪A32567', '2', '车架号(VIN)', /VIN is required/],
    ['LZYTBTE66N100000', '沪A32567', '2', '车架号(VIN)', /17 characters, got 16/],
    ['LZYTBTE66N100000I', '沪A32567', '2', '车架号(VIN)', /without I, O, Q, got "I"/],
    ['LZYTBTE67N1000001', '沪A32567', '2', '车架号(VIN)', /check digit .* is 7, expected 6/],
    [V1, '', '2', '车牌号', /plate is required/],
    [V1, '沪A3256', '2', '车牌号', /7 characters/],
    [V1, '沪A32567', '', '部门ID', /部门ID is required/],
    [V1, '沪A32567', '0', '部门ID', /positive whole number, got "0"/],
    [V1, '沪A32567', '-3', '部门ID', /positive whole number/],
    [V1, '沪A32567', '2.5', '部门ID', /positive whole number/],
    [V1, '沪A32567', 'abc', '部门ID', /positive whole number/],
  ])('%s | %s | %s → error in %s', async (vin, plate, dept, column, message) => {
    const r = await csv(`${header}${V2},沪B12345,1\n${vin},${plate},${dept}\n`);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.errors).toEqual([{ row: 3, column, message: expect.stringMatching(message) }]);
  });

  it('trims spaces, upper-cases the VIN and the plate, removes a plate "·"', async () => {
    const r = await csv(`${header}  ${V1.toLowerCase()} , 沪a·32567 , 2 \n`);
    expect(r.rows).toEqual([{ row: 2, vin: V1, plate: '沪A32567', departmentId: 2 }]);
  });

  it('reports a VIN or plate repeated in the file with the row it repeats', async () => {
    const r = await csv(`${header}${V1},沪A32567,2\n${V1},沪A32568,2\n${V2},沪A32567,2\n`);
    expect(r.errors).toEqual([
      { row: 3, column: '车架号(VIN)', message: `VIN ${V1} is also in row 2` },
      { row: 4, column: '车牌号', message: 'plate 沪A32567 is also in row 2' },
    ]);
  });

  it('lists every bad cell of a row, and caps a long list', async () => {
    const r = await csv(`${header}x,y,z\n`);
    expect(r.errors.map((e) => e.column)).toEqual(['车架号(VIN)', '车牌号', '部门ID']);
    const many = header + Array.from({ length: MAX_IMPORT_ERRORS + 5 }, () => 'x,沪A32567,1').join('\n');
    const capped = await csv(many);
    expect(capped.errors).toHaveLength(MAX_IMPORT_ERRORS + 1);
    expect(capped.errors.at(-1)!.message).toMatch(/^\d+ more errors not listed$/);
  });
});

describe('CSV text', () => {
  it('tolerates a BOM, CRLF, quoted fields and empty trailing rows; row numbers follow the spreadsheet', async () => {
    const text = `\uFEFF"车架号(VIN)","车牌号",部门ID\r\n\r\n"${V1}","沪A32567",2\r\n${V2},"粤B12345D",3\r\n,,\r\n\r\n`;
    const r = await csv(text);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { row: 3, vin: V1, plate: '沪A32567', departmentId: 2 },
      { row: 4, vin: V2, plate: '粤B12345D', departmentId: 3 },
    ]);
  });

  it('counts a quoted line break as one spreadsheet row', async () => {
    const r = await csv(`vin,plate,departmentId,note\n${V1},沪A32567,2,"two\nlines"\nbad,沪A32568,2,\n`);
    expect(r.errors).toEqual([{ row: 3, column: 'vin', message: expect.stringMatching(/17 characters/) }]);
  });

  it('refuses GBK text with a clear error, not mojibake', async () => {
    // "车架号" in GBK: B3 B5 BC DC BA C5
    const gbk = Buffer.concat([Buffer.from([0xb3, 0xb5, 0xbc, 0xdc, 0xba, 0xc5]), Buffer.from(',plate,departmentId\n')]);
    const r = await parseVehicleFile(gbk, 'text/csv');
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 1, column: '', message: expect.stringMatching(/not UTF-8 .*GBK/) }]);
  });

  it('points at the line of the first non-UTF-8 byte', async () => {
    const body = Buffer.concat([Buffer.from(`vin,plate,departmentId\n${V1},`), Buffer.from([0xbb, 0xa6]), Buffer.from('A32567,2\n')]);
    expect((await parseVehicleFile(body, 'text/csv')).errors[0].row).toBe(2);
  });

  it('reports an unclosed quote, an empty file and a header without rows', async () => {
    expect((await csv(`vin,plate,departmentId\n"${V1},沪A32567,2\n`)).errors[0].message).toMatch(/cannot be read.*Quote/);
    expect((await csv('')).errors[0].message).toMatch(/empty/);
    expect((await csv('\r\n\r\n')).errors[0].message).toMatch(/empty/);
    expect((await csv('vin,plate,departmentId\r\n')).errors).toEqual([{ row: 2, column: '', message: 'the file has no vehicle rows under the header' }]);
  });
});

describe('content types', () => {
  it('refuses an unknown content type and an old .xls', async () => {
    expect((await parseVehicleFile(Buffer.from('{}'), 'application/json')).errors[0].message).toMatch(/unsupported content type/);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await parseVehicleFile(xls, 'application/vnd.ms-excel')).errors[0].message).toMatch(/97–2003/);
  });

  it('refuses a non-workbook sent as XLSX, and a broken zip', async () => {
    expect((await parseVehicleFile(Buffer.from('vin\n'), XLSX_CONTENT_TYPE)).errors[0].message).toMatch(/not an XLSX/);
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]);
    expect((await parseVehicleFile(broken, XLSX_CONTENT_TYPE)).errors[0].message).toMatch(/cannot be read/);
  });

  it('sniffs an XLSX sent as application/octet-stream', async () => {
    const r = await parseVehicleFile(await vehicleTemplate('xlsx'), 'application/octet-stream');
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });
});

describe('template', () => {
  it('CSV: BOM, the Chinese header and an example row that imports cleanly', async () => {
    const body = await vehicleTemplate('csv');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toBe(`\uFEFF车架号(VIN),车牌号,部门ID\r\n${V1},粤B12345D,2\r\n`);
    expect(await parseVehicleFile(body, 'text/csv')).toMatchObject({
      rows: [{ row: 2, vin: V1, plate: '粤B12345D', departmentId: 2 }],
      errors: [],
    });
  });

  it('XLSX round trip: template → fill rows with exceljs → parse', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await vehicleTemplate('xlsx')) as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(1).values).toEqual([undefined, '车架号(VIN)', '车牌号', '部门ID']);
    ws.addRow([V2, '沪A32567', 5]); // department id typed as a number
    ws.addRow([{ richText: [{ text: 'LGXCE4CB9' }, { text: 'P2000018' }] }, '京AF12345', { formula: '2+1', result: 3 }]);
    ws.addRow(['bad', '沪A32568', 1]);
    ws.addRow([]);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await parseVehicleFile(filled, XLSX_CONTENT_TYPE);
    expect(r.rows.map(({ row, plate, departmentId }) => ({ row, plate, departmentId }))).toEqual([
      { row: 2, plate: '粤B12345D', departmentId: 2 },
      { row: 3, plate: '沪A32567', departmentId: 5 },
    ]);
    expect(r.errors).toEqual([
      { row: 4, column: '车架号(VIN)', message: expect.stringMatching(/check digit/) },
      { row: 5, column: '车架号(VIN)', message: expect.stringMatching(/17 characters/) },
    ]);
  });
});

describe('a damaged workbook', () => {
  it('that makes the XLSX reader wait forever (found by the fuzz bench) is refused as damaged, in time', async () => {
    const bytes = readFileSync(join(import.meta.dirname, '../../test/fixtures/damaged-hangs-exceljs.xlsx'));
    const t0 = performance.now();
    const r = await parseVehicleFile(bytes, XLSX_CONTENT_TYPE, { xlsxDeadlineMs: 300 });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 1, column: '', message: expect.stringMatching(/^the XLSX workbook cannot be read: it is damaged/) }]);
  });
});
