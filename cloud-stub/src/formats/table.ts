// Renders a report table (titled columns, rows of text/number/null) as CSV or XLSX for download.
// CSV: UTF-8 BOM (so Excel shows Chinese), RFC 4180 quoting, CRLF, and formula-injection escaping of
// text cells that start with = + - @ (or tab / CR), per OWASP "CSV Injection". XLSX: streamed writer,
// bold frozen header, numbers stay numbers, text stays text (never a formula). No I/O beyond memory.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type TableCell = string | number | null;
export interface Table {
  columns: { key: string; title: string }[];
  rows: Record<string, TableCell>[];
}

const BOM = '\uFEFF';

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = escapeFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function renderCsv(table: Table): Buffer {
  const lines: string[] = [table.columns.map((c) => csvField(c.title)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key])).join(','));
  return Buffer.from(`${BOM + lines.join('\r\n')}\r\n`, 'utf8');
}

async function renderXlsx(table: Table, sheetName: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({ key: c.key, width: Math.min(40, Math.max(10, [...c.title].length * 2 + 2)) }));
  const header = ws.addRow(table.columns.map((c) => c.title));
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) {
    ws.addRow(table.columns.map((c) => row[c.key] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Excel sheet names: ≤ 31 characters, none of \ / ? * [ ] : */
function safeSheetName(name: string): string {
  const clean = name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);
  return clean === '' ? 'Sheet1' : clean;
}

export async function renderTable(table: Table, format: 'csv' | 'xlsx', sheetName = 'Sheet1'): Promise<Buffer> {
  return format === 'csv' ? renderCsv(table) : renderXlsx(table, sheetName);
}
