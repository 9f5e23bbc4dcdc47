// The vehicle file the operator downloads and uploads (首页/客户管理/车辆管理/导入车牌和车架): parses an
// uploaded CSV or XLSX into checked rows plus per-cell errors, and writes the template. The server
// applies nothing when `errors` is non-empty (all or nothing); registry checks (unknown department,
// VIN already registered) are the server's, not this file's.
import ExcelJS from 'exceljs';
import { csvRows } from './csv-rows.js';
import { renderTable } from './table.js';
import { VEHICLE_COLUMNS, VEHICLE_TEMPLATE_EXAMPLE } from './vehicle-columns.js';
import { checkVehicleRows, type ImportError, type ParsedVehicles } from './vehicle-rows.js';
import { xlsxRows } from './xlsx-rows.js';

export type { ImportError, ParsedVehicles, VehicleRow } from './vehicle-rows.js';
export { VEHICLE_COLUMNS } from './vehicle-columns.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv';

/** Content types browsers and tools send for CSV (Windows sends application/vnd.ms-excel for .csv). */
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain', 'text/comma-separated-values', 'application/vnd.ms-excel']);
const SNIFF_TYPES = new Set(['application/octet-stream', '']);

type Kind = 'csv' | 'xlsx' | { error: string };

function kindOf(body: Uint8Array, contentType: string): Kind {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const zip = body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04;
  const ole = body[0] === 0xd0 && body[1] === 0xcf && body[2] === 0x11 && body[3] === 0xe0;
  if (ole) return { error: 'old Excel 97–2003 .xls files are not supported: save it as XLSX or CSV UTF-8' };
  if (type === XLSX_CONTENT_TYPE || (zip && (CSV_TYPES.has(type) || SNIFF_TYPES.has(type)))) {
    return zip ? 'xlsx' : { error: 'the file was sent as XLSX but is not an XLSX workbook' };
  }
  if (CSV_TYPES.has(type) || SNIFF_TYPES.has(type)) return 'csv';
  return { error: `unsupported content type "${contentType}": send text/csv or ${XLSX_CONTENT_TYPE}` };
}

const fileError = (message: string, row = 1): ParsedVehicles => ({ rows: [], errors: [{ row, column: '', message }] });

/** Parses an uploaded vehicle file: `row` numbers are the spreadsheet's own (header = 1). Never throws. */
export async function parseVehicleFile(body: Buffer, contentType: string): Promise<ParsedVehicles> {
  if (body.length === 0) return fileError('the file is empty: download the template and fill in its rows');
  const kind = kindOf(body, contentType);
  if (typeof kind === 'object') return fileError(kind.error);
  if (kind === 'csv') {
    const split = csvRows(body);
    if (!split.ok) return { rows: [], errors: [split.error] };
    return checkVehicleRows(split.rows);
  }
  try {
    return await checkVehicleRows(xlsxRows(body));
  } catch (e) {
    const error: ImportError = { row: 1, column: '', message: `the XLSX workbook cannot be read: ${(e as Error).message}` };
    return { rows: [], errors: [error] };
  }
}

const TEMPLATE_TABLE = {
  columns: VEHICLE_COLUMNS.map((c) => ({ key: c.key, title: c.title })),
  rows: [{ ...VEHICLE_TEMPLATE_EXAMPLE }],
};

const NOTES = [
  ['列', '说明 / notes'],
  ['车架号(VIN)', '17位，数字和字母（不含 I、O、Q），第9位为校验位 / 17 characters, 9th is the check digit'],
  ['车牌号', '如 沪A32567、粤BD12345、粤B12345D / Chinese plate, new-energy plates have 8 characters'],
  ['部门ID', '企业部门的数字ID（npx cloud-stub dept list）/ the numeric department id'],
  ['', '第一行为表头，列顺序可调整；也接受英文表头 vin, plate, departmentId / header row first, any column order'],
  ['', 'VIN 已登记的车辆将被更新 / rows whose VIN is registered update that vehicle'],
];

/** The downloadable template: header + one example row (CSV with a UTF-8 BOM; XLSX adds a 说明 sheet). */
export async function vehicleTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> {
  if (format === 'csv') return renderTable(TEMPLATE_TABLE, 'csv');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('车辆');
  ws.columns = [
    { header: VEHICLE_COLUMNS[0].title, key: 'vin', width: 22, style: { numFmt: '@' } },
    { header: VEHICLE_COLUMNS[1].title, key: 'plate', width: 14, style: { numFmt: '@' } },
    { header: VEHICLE_COLUMNS[2].title, key: 'departmentId', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRow({ ...VEHICLE_TEMPLATE_EXAMPLE });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet('说明');
  notes.columns = [{ width: 14 }, { width: 90 }];
  for (const line of NOTES) notes.addRow(line);
  notes.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
