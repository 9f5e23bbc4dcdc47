// The vehicle file the operator downloads and uploads (首页/客户管理/车辆管理/导入车牌和车架): parses an
// uploaded CSV (streamed) or XLSX into checked rows plus per-cell errors, and writes the template. The server
// applies nothing when `errors` is non-empty (all or nothing); registry checks (unknown department,
// VIN already registered) are the server's, not this file's.
import ExcelJS from 'exceljs';
import { csvRowStream, FileProblem } from './csv-rows.js';
export { FileProblem } from './csv-rows.js';
import { renderTable } from './table.js';
import { VEHICLE_COLUMNS, VEHICLE_TEMPLATE_EXAMPLE } from './vehicle-columns.js';
import { checkVehicleRows, type ParsedVehicles } from './vehicle-rows.js';
import { xlsxRows } from './xlsx-rows.js';

export type { ParsedVehicles } from './vehicle-rows.js';
export { VEHICLE_COLUMNS } from './vehicle-columns.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

/** The largest XLSX accepted (read whole: a workbook is a zip); a CSV is streamed, bounded by its rows. */
export const MAX_XLSX_BYTES = 16 * 1024 * 1024;

/**
 * How long reading a workbook may take: 10 s plus 2 s per MB (100,000 rows, about 3 MB, read in about
 * 5 s). Some damaged zips make the XLSX reader wait for an event that never comes (found by
 * `npm run bench -- fuzz`): past this the file is refused as damaged instead of never answering.
 */
export const xlsxDeadlineMs = (bytes: number): number => 10_000 + Math.ceil((2_000 * bytes) / (1024 * 1024));

export interface ParseOptions {
  /** Overrides xlsxDeadlineMs (tests). */
  readonly xlsxDeadlineMs?: number;
}

/** `work`, or a rejection with `message` once `ms` have passed. */
async function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The source's first bytes (enough to tell the format) and the source with them put back. */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  while (size < 4) {
    const next = await it.next();
    if (next.done) break;
    taken.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(taken);
  async function* all() {
    if (head.length) yield head;
    try {
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      await it.return?.();
    }
  }
  return { head, all: all() };
}

async function whole(source: AsyncIterable<Uint8Array>, max: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of source) {
    size += c.length;
    if (size > max) throw new FileProblem({ row: 1, column: '', message: `the XLSX file is larger than ${max / 1024 / 1024} MB: split it into several files` }, 413);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses an uploaded vehicle file, a buffer or a stream of its bytes: `row` numbers are the
 * spreadsheet's own (header = 1). A CSV is read row by row as it arrives and no further than
 * MAX_IMPORT_ROWS; an XLSX is taken whole up to MAX_XLSX_BYTES. Problems are returned as errors;
 * a FileProblem with status 413 (an XLSX too large) is thrown.
 */
export async function parseVehicleFile(body: Uint8Array | AsyncIterable<Uint8Array>, contentType: string, options: ParseOptions = {}): Promise<ParsedVehicles> {
  const { head, all } = await peek(
    body instanceof Uint8Array
      ? (async function* () {
          yield body;
        })()
      : body,
  );
  if (head.length === 0) return fileError('the file is empty: download the template and fill in its rows');
  const kind = kindOf(head, contentType);
  if (typeof kind === 'object') return fileError(kind.error);
  try {
    if (kind === 'csv') return await checkVehicleRows(csvRowStream(all));
    const workbook = await whole(all, MAX_XLSX_BYTES);
    const ms = options.xlsxDeadlineMs ?? xlsxDeadlineMs(workbook.length);
    return await within(checkVehicleRows(xlsxRows(workbook)), ms, `it is damaged (reading stopped for ${Math.round(ms / 1000)} s): save it again from Excel or WPS, or send CSV UTF-8`);
  } catch (e) {
    if (e instanceof FileProblem && e.status === 422) return { rows: [], errors: [e.error] };
    if (e instanceof FileProblem) throw e;
    return fileError(kind === 'csv' ? `the CSV cannot be read: ${(e as Error).message}` : `the XLSX workbook cannot be read: ${(e as Error).message}`);
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
