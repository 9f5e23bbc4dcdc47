// Streams the first worksheet of an XLSX workbook (exceljs WorkbookReader) as spreadsheet rows of
// text cells, without building the whole workbook in memory. Converts numbers, rich text, formula
// results and hyperlinks to the text a user sees. Knows nothing of vehicles.
// Works around exceljs 4.4 GH#2063 / GH#2084: its streaming reader decodes each inflated chunk on
// its own, so a Chinese character split across two chunks becomes "��" (seen on ~1 row in
// 8,000 of a 100,000-row import). The subclass below hands it already-decoded text instead.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TextRow } from './vehicle-rows.js';

/** Chunks of bytes → text, carrying a split multi-byte character over to the next chunk. */
async function* decodeUtf8(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

type ReaderInternals = {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/** WorkbookReader whose XML parsers only ever see whole characters (both internal entry points). */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding('utf8'); // the entry stream's own StringDecoder keeps split characters whole
    return base._parseSharedStrings.call(this, entry);
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }
}

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
  const reader = new Utf8WorkbookReader(Readable.from([Buffer.from(body)]), {
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
