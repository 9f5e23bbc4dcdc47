// Report tables: CSV bytes (BOM, RFC 4180 quoting, CRLF, formula-injection escaping, null/number
// cells) and XLSX (bold header, numbers as numbers, injected text kept as text), read back with exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField, renderTable, type Table } from './table.js';

const table: Table = {
  columns: [
    { key: 'plate', title: '车牌号' },
    { key: 'sessions', title: '充电次数' },
    { key: 'amountYuan', title: '金额(元)' },
    { key: 'note', title: 'note, "quoted"' },
  ],
  rows: [
    { plate: '沪A32567', sessions: 3, amountYuan: 12.5, note: null },
    { plate: '=HYPERLINK("http://x")', sessions: -1, amountYuan: 0, note: 'a,b\r\nc' },
    { plate: '+1', sessions: 0, amountYuan: 0, note: '@SUM(A1)' },
  ],
};

describe('csvField', () => {
  it.each([
    [null, ''],
    [42, '42'],
    [-3, '-3'], // a number is never escaped
    [Number.NaN, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['-2', "'-2"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['=a,b', `"'=a,b"`],
  ])('%j → %s', (cell, out) => {
    expect(csvField(cell as string | number | null)).toBe(out);
  });
});

describe('renderTable csv', () => {
  it('writes BOM + CRLF records with quoting and escaping', async () => {
    const body = await renderTable(table, 'csv');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8').slice(1)).toBe(
      ['车牌号,充电次数,金额(元),"note, ""quoted"""', '沪A32567,3,12.5,', `"'=HYPERLINK(""http://x"")",-1,0,"a,b\r\nc"`, `'+1,0,0,'@SUM(A1)`, ''].join('\r\n'),
    );
  });
});

describe('renderTable xlsx', () => {
  it('bold header, numbers as numbers, text never a formula', async () => {
    const body = await renderTable(table, 'xlsx', '一卡一车: 2024/05');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('一卡一车_ 2024_05');
    expect(ws.getRow(1).values).toEqual([undefined, '车牌号', '充电次数', '金额(元)', 'note, "quoted"']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('B2').value).toBe(3);
    expect(ws.getCell('C2').value).toBe(12.5);
    expect(ws.getCell('D2').value).toBeNull();
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.rowCount).toBe(4);
  });

  it('writes an empty table as a header only', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderTable({ columns: table.columns, rows: [] }, 'xlsx')) as never);
    expect(wb.worksheets[0].name).toBe('Sheet1');
    expect(wb.worksheets[0].rowCount).toBe(1);
  });
});
