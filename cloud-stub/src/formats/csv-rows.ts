// Splits a CSV file (RFC 4180, as Excel and WPS save it) into spreadsheet rows of text cells.
// Accepts a UTF-8 BOM, CRLF / LF / CR line ends, quoted fields with commas, quotes and line breaks.
// Refuses bytes that are not UTF-8 (a GBK file from an old Excel) with a clear message instead of
// producing mojibake. Knows nothing of vehicles.
import { parse } from 'csv-parse/sync';
import type { ImportError, TextRow } from './vehicle-rows.js';

export type CsvRows = { ok: true; rows: TextRow[] } | { ok: false; error: ImportError };

const NOT_UTF8 =
  'the file is not UTF-8 text (probably GBK from Excel\'s plain "CSV"): save it as "CSV UTF-8 (逗号分隔)" or as XLSX';

/** The 1-based line of byte offset `at` (for pointing at the first bad byte). */
function lineAt(body: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (body[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1. Only called after a strict decode failed. */
function firstInvalidUtf8(body: Uint8Array): number {
  for (let i = 0; i < body.length; ) {
    const b = body[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= body.length || (body[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

export function csvRows(body: Uint8Array): CsvRows {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    return { ok: false, error: { row: lineAt(body, Math.max(at, 0)), column: '', message: NOT_UTF8 } };
  }
  if (text.includes('\u0000')) return { ok: false, error: { row: 1, column: '', message: 'the file is binary, not CSV text' } };
  try {
    const records: string[][] = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
    return { ok: true, rows: records.map((cells, i) => ({ row: i + 1, cells })) };
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    return {
      ok: false,
      error: { row: err.lines ?? 1, column: '', message: `the CSV cannot be read: ${err.message ?? String(e)}` },
    };
  }
}
