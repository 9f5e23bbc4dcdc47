// Splits a CSV file (RFC 4180, as Excel and WPS save it) into spreadsheet rows of text cells, as the
// bytes arrive: a file is never held whole, and the reader can stop after any row (the rest is not
// parsed). Accepts a UTF-8 BOM, CRLF / LF / CR line ends, quoted fields with commas, quotes and line
// breaks. Refuses bytes that are not UTF-8 (a GBK file from an old Excel) with the line of the first bad
// byte instead of producing mojibake, and NUL bytes (a binary file) — each as a FileProblem thrown
// from the iteration. Knows nothing of vehicles.
import { parse } from 'csv-parse';
import type { ImportError, TextRow } from './vehicle-rows.js';

/** A file that cannot be read as a whole (not its rows): thrown from the row iteration. */
export class FileProblem extends Error {
  constructor(
    readonly error: ImportError,
    readonly status: 413 | 422 = 422,
  ) {
    super(error.message);
    this.name = 'FileProblem';
  }
}

const NOT_UTF8 = 'the file is not UTF-8 text (probably GBK from Excel\'s plain "CSV"): save it as "CSV UTF-8 (逗号分隔)" or as XLSX';

/** Offset of the first byte that breaks UTF-8 in `chunk` (continuation bytes at its start belong to the previous chunk), or -1. */
function firstInvalidUtf8(chunk: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < chunk.length && (chunk[i] & 0xc0) === 0x80) i++;
  while (i < chunk.length) {
    const b = chunk[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n && i + k < chunk.length; k++) if ((chunk[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const countLines = (chunk: Uint8Array, end = chunk.length) => {
  let n = 0;
  for (let i = 0; i < end; i++) if (chunk[i] === 0x0a) n++;
  return n;
};

/** Bytes → text, strictly UTF-8 across chunk boundaries; a FileProblem names the line of a bad byte. */
async function* utf8Text(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 1;
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new FileProblem({ row: line + countLines(chunk, Math.max(firstInvalidUtf8(chunk), 0)), column: '', message: NOT_UTF8 });
    }
    if (text.includes('\u0000')) throw new FileProblem({ row: line, column: '', message: 'the file is binary, not CSV text' });
    line += countLines(chunk);
    if (text) yield text;
  }
  try {
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch {
    throw new FileProblem({ row: line, column: '', message: NOT_UTF8 });
  }
}

/**
 * The CSV's rows, numbered as a spreadsheet shows them (1 = the first line, the header). Pull-based:
 * each chunk of the source is read only when the rows of the one before are taken, so a reader that
 * stops early stops the reading (the source's iterator is returned).
 */
export async function* csvRowStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<TextRow> {
  const parser = parse({ relax_column_count: true, relax_quotes: true, record_delimiter: ['\r\n', '\n', '\r'] });
  let failure: Error | null = null;
  parser.on('error', (e: Error) => (failure ??= e));
  let row = 0;
  const problem = () => {
    const err = failure as Error & { lines?: number };
    return new FileProblem({ row: err.lines ?? row + 1, column: '', message: `the CSV cannot be read: ${err.message}` });
  };
  try {
    for await (const text of utf8Text(source)) {
      parser.write(text);
      for (let cells: string[] | null; (cells = parser.read() as string[] | null) !== null; ) yield { row: ++row, cells };
      if (failure) throw problem();
    }
    parser.end();
    // What end() still parses (the last record of a file without a final line break), to the stream's end.
    try {
      for await (const cells of parser as AsyncIterable<string[]>) yield { row: ++row, cells };
    } catch (e) {
      failure ??= e as Error;
    }
    if (failure) throw problem();
  } finally {
    parser.destroy();
  }
}
