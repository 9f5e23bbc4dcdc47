// Turns the rows of a vehicle file (any format, already split into text cells) into checked vehicle
// rows and per-cell errors: header mapping, VIN / plate / 部门ID syntax, duplicates inside the file.
// Knows nothing of bytes or file formats (see csv-rows.ts, xlsx-rows.ts) and nothing of the database
// (unknown departments and VINs already registered are the server's checks).
import { classifyVinText, vinCheckDigit } from '../../../pile-agent/contract.js';
import { normalizePlate, validatePlate } from '../domain/validation/plate.js';
import { VEHICLE_COLUMNS, vehicleColumnOf, type VehicleColumnKey } from './vehicle-columns.js';

export interface VehicleRow {
  /** The row as the user sees it in a spreadsheet (header = 1). */
  row: number;
  vin: string;
  plate: string;
  departmentId: number;
}
export interface ImportError {
  row: number;
  /** The column as titled in the file ('' for a problem with the whole file). */
  column: string;
  message: string;
}
export interface ParsedVehicles {
  rows: VehicleRow[];
  errors: ImportError[];
  /** The columns as titled in this file's header (for the server's own row errors); absent without a header. */
  columns?: Record<VehicleColumnKey, string>;
}
/** One spreadsheet row: its user-visible number and its cells as text (untrimmed). */
export interface TextRow {
  row: number;
  cells: string[];
}

/** The most vehicle rows one file may hold (a depot group's whole fleet, many times over): split larger ones. */
export const MAX_IMPORT_ROWS = 100_000;

/** At most this many errors are listed; one more entry says how many were left out. */
export const MAX_IMPORT_ERRORS = 1000;

const VIN_ALPHABET = '0-9 and A-Z without I, O, Q';

export function vinError(vin: string): string | null {
  if (vin === '') return 'VIN is required';
  const status = classifyVinText(vin);
  if (status === 'valid') return null;
  if (status === 'bad-check-digit') return `VIN check digit (9th character) is ${vin[8]}, expected ${vinCheckDigit(vin)}: a typing error?`;
  if (vin.length !== 17) return `VIN must be 17 characters, got ${vin.length}`;
  const bad = [...vin].find((c) => !/[0-9A-HJ-NPR-Z]/.test(c));
  return `VIN may only contain ${VIN_ALPHABET}, got "${bad}"`;
}

export function departmentIdOf(text: string): number | string {
  if (text === '') return '部门ID is required';
  if (!/^\d+(\.0*)?$/.test(text)) return `部门ID must be a positive whole number, got "${text}"`;
  const id = Number.parseInt(text, 10);
  if (id <= 0 || !Number.isSafeInteger(id)) return `部门ID must be a positive whole number, got "${text}"`;
  return id;
}

/** Collects errors up to MAX_IMPORT_ERRORS and counts the rest. */
class ErrorList {
  readonly list: ImportError[] = [];
  private dropped = 0;
  private lastRow = 1;
  add(row: number, column: string, message: string): void {
    this.lastRow = row;
    if (this.list.length < MAX_IMPORT_ERRORS) this.list.push({ row, column, message });
    else this.dropped++;
  }
  finish(): ImportError[] {
    if (this.dropped > 0) this.list.push({ row: this.lastRow, column: '', message: `${this.dropped} more errors not listed` });
    return this.list;
  }
}

/** Checks the rows of one sheet; the first non-empty row is the header. */
export async function checkVehicleRows(source: AsyncIterable<TextRow> | Iterable<TextRow>): Promise<ParsedVehicles> {
  const errors = new ErrorList();
  const rows: VehicleRow[] = [];
  let index: Record<VehicleColumnKey, number> | null = null;
  let titles: string[] = [];
  const vinRow = new Map<string, number>();
  const plateRow = new Map<string, number>();
  let headerSeen = false;
  let dataRows = 0;

  for await (const { row, cells } of source) {
    if (cells.every((c) => c.trim() === '')) continue;
    if (!headerSeen) {
      headerSeen = true;
      titles = cells.map((c) => c.trim());
      const found = mapHeader(titles, row, errors);
      if (!found) return { rows: [], errors: errors.finish() };
      index = found;
      continue;
    }
    if (++dataRows > MAX_IMPORT_ROWS) {
      // Stop reading: the rest of the file is not parsed.
      errors.add(row, '', `the file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} vehicle rows: split it into several files`);
      return { rows: [], errors: errors.finish() };
    }
    const at = index!;
    const cell = (k: VehicleColumnKey) => (cells[at[k]] ?? '').trim();
    const vin = cell('vin').toUpperCase();
    const plate = normalizePlate(cell('plate'));
    const dept = departmentIdOf(cell('departmentId'));
    let ok = true;
    const fail = (k: VehicleColumnKey, message: string) => {
      ok = false;
      errors.add(row, titles[at[k]], message);
    };
    const vErr = vinError(vin);
    if (vErr) fail('vin', vErr);
    else if (vinRow.has(vin)) fail('vin', `VIN ${vin} is also in row ${vinRow.get(vin)}`);
    else vinRow.set(vin, row);
    const pErr = plate === '' ? 'plate is required' : validatePlate(plate);
    if (pErr) fail('plate', pErr);
    else if (plateRow.has(plate)) fail('plate', `plate ${plate} is also in row ${plateRow.get(plate)}`);
    else plateRow.set(plate, row);
    if (typeof dept === 'string') fail('departmentId', dept);
    if (ok) rows.push({ row, vin, plate, departmentId: dept as number });
  }
  if (!headerSeen) errors.add(1, '', 'the file is empty: download the template and fill in its rows');
  else if (rows.length === 0 && errors.list.length === 0) errors.add(2, '', 'the file has no vehicle rows under the header');
  const columns = index ? { vin: titles[index.vin], plate: titles[index.plate], departmentId: titles[index.departmentId] } : undefined;
  return { rows, errors: errors.finish(), ...(columns ? { columns } : {}) };
}

function mapHeader(titles: string[], row: number, errors: ErrorList): Record<VehicleColumnKey, number> | null {
  const at: Partial<Record<VehicleColumnKey, number>> = {};
  titles.forEach((t, i) => {
    const key = vehicleColumnOf(t);
    if (!key) return;
    if (at[key] !== undefined) errors.add(row, t, `two columns name the ${key} (“${titles[at[key]!]}” and “${t}”)`);
    else at[key] = i;
  });
  for (const c of VEHICLE_COLUMNS) if (at[c.key] === undefined) errors.add(row, c.title, `missing column ${c.title} (also accepted: ${c.aliases.join(', ')})`);
  return errors.list.length > 0 ? null : (at as Record<VehicleColumnKey, number>);
}
