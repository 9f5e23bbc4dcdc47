// The XLSX row stream on a workbook large enough that exceljs's inflated chunks split Chinese
// characters (exceljs GH#2063 / GH#2084): the plain streaming reader garbles some plates, ours
// keeps every one whole.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { vinCheckDigit } from '../../../pile-agent/contract.js';
import { cellText, xlsxRows } from './xlsx-rows.js';
import { parseVehicleFile, XLSX_CONTENT_TYPE } from './vehicle-import.js';

const ROWS = 30_000;
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

function row(i: number): [string, string, number] {
  const draft = `LZYTBTE60N${String(i).padStart(7, '0')}`;
  return [draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9), `${PROVINCES[i % 31]}A${String(i).padStart(5, '0')}`, 1];
}

async function bigWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('车辆');
  ws.addRow(['车架号(VIN)', '车牌号', '部门ID']);
  for (let i = 0; i < ROWS; i++) ws.addRow(row(i));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsxRows', () => {
  it('keeps every Chinese character whole where the plain exceljs stream reader garbles some', async () => {
    const body = await bigWorkbook();
    let garbled = 0;
    const plain = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([body]), { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
    for await (const ws of plain) for await (const r of ws as AsyncIterable<ExcelJS.Row>) if (cellText((r.values as unknown[])[2]).includes('\uFFFD')) garbled++;
    expect(garbled, 'this workbook must exercise the exceljs bug (if 0, exceljs fixed it: the workaround can go)').toBeGreaterThan(0);

    let n = 0;
    const wrong: string[] = [];
    for await (const r of xlsxRows(body)) {
      if (r.row > 1 && r.cells[1] !== row(r.row - 2)[1]) wrong.push(`${r.row}: ${r.cells[1]}`);
      n++;
    }
    expect(wrong).toEqual([]);
    expect(n).toBe(ROWS + 1);
    const parsed = await parseVehicleFile(body, XLSX_CONTENT_TYPE);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(ROWS);
  });
});
