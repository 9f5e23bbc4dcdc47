// Streams the first worksheet of an XLSX workbook (exceljs WorkbookReader) as spreadsheet rows of
// text cells, without building the whole workbook in memory. Converts numbers, rich text, formula
// results and hyperlinks to the text a user sees. Knows nothing of vehicles.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TextRow } from './vehicle-rows.js';

/** The text a cell shows (formula → its cached result, rich text → its runs joined). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

/** Rows of the first worksheet; `row` is the worksheet's own row number. Throws on a broken workbook. */
export async function* xlsxRows(body: Uint8Array): AsyncGenerator<TextRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(body)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let first = true;
  for await (const sheet of reader) {
    // Later sheets (the template's 说明 sheet) are drained unread: the zip is one stream.
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (!first) continue;
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { row: row.number, cells };
    }
    first = false;
  }
}
