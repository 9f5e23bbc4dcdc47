// Applies a parsed vehicle file (rows from formats/vehicle-import.ts) all or nothing: the database
// checks the parser cannot make (VIN and plate rules again, unknown or out-of-scope department,
// duplicates inside the file, a plate owned by another vehicle), then every row in one transaction.
// A known VIN is updated, a new one inserted. Errors use the row numbers the user sees (header = 1).
import type { Db } from '../../persistence/sqlite/db.js';
import { normalizePlate, validatePlate } from '../validation/plate.js';
import { normalizeVin, vinProblem } from './vehicles.service.js';

export interface ImportRow {
  row: number;
  vin: string;
  plate: string;
  departmentId: number;
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export type ImportOutcome = { ok: true; imported: number; updated: number } | { ok: false; errors: ImportError[] };

export interface ImportOptions {
  /** Fleet scope: departments rows may name; undefined = any (operator). */
  allowedDepartments?: Set<number>;
  /** Time stamped on rows; defaults to now. */
  at?: string;
  /** Column names used in errors; defaults to the template aliases. */
  columns?: { vin: string; plate: string; departmentId: string };
  /** Run the checks only, write nothing (used to report registry errors next to syntax errors). */
  checkOnly?: boolean;
}

const MAX_ERRORS = 1000;

export function importVehicles(db: Db, input: ImportRow[], opts: ImportOptions = {}): ImportOutcome {
  const at = opts.at ?? new Date().toISOString();
  const col = opts.columns ?? { vin: 'vin', plate: 'plate', departmentId: 'departmentId' };
  const errors: ImportError[] = [];
  const rows = input.map((r) => ({ ...r, vin: normalizeVin(r.vin), plate: normalizePlate(r.plate) }));
  const departments = new Set(db.prepare('SELECT id FROM departments').pluck().all() as number[]);
  const existing = new Map<string, { plate: string; departmentId: number }>();
  for (const r of db.prepare('SELECT vin, plate, department_id AS departmentId FROM vehicles').all() as { vin: string; plate: string; departmentId: number }[]) existing.set(r.vin, r);
  const plateOwner = new Map<string, string>();
  for (const [vin, v] of existing) plateOwner.set(v.plate, vin);

  const vinRow = new Map<string, number>();
  const plateRow = new Map<string, number>();
  const fileVins = new Map<string, string>(); // vin → its plate in the file
  for (const r of rows) fileVins.set(r.vin, r.plate);
  for (const r of rows) {
    const add = (column: string, message: string) => errors.length < MAX_ERRORS && errors.push({ row: r.row, column, message });
    const vp = vinProblem(r.vin);
    if (vp) add(col.vin, vp);
    const pp = validatePlate(r.plate);
    if (pp) add(col.plate, pp);
    if (!departments.has(r.departmentId)) add(col.departmentId, `department ${r.departmentId} does not exist`);
    else if (opts.allowedDepartments && !opts.allowedDepartments.has(r.departmentId)) add(col.departmentId, `department ${r.departmentId} is outside your account's departments`);
    const prevVin = vinRow.get(r.vin);
    if (prevVin !== undefined) add(col.vin, `VIN ${r.vin} appears again (first on row ${prevVin})`);
    else vinRow.set(r.vin, r.row);
    const prevPlate = plateRow.get(r.plate);
    if (prevPlate !== undefined) add(col.plate, `plate ${r.plate} appears again (first on row ${prevPlate})`);
    else plateRow.set(r.plate, r.row);
    const owner = plateOwner.get(r.plate);
    // a plate held by another vehicle is fine only when the same file moves that vehicle to another plate
    if (owner !== undefined && owner !== r.vin && (fileVins.get(owner) === undefined || fileVins.get(owner) === r.plate))
      add(
        col.plate,
        opts.allowedDepartments && !opts.allowedDepartments.has(existing.get(owner)?.departmentId ?? -1)
          ? `plate ${r.plate} is taken by a vehicle outside your account's departments: ask the operator`
          : `plate ${r.plate} is already registered to VIN ${owner}`,
      );
    const current = existing.get(r.vin);
    if (current && opts.allowedDepartments && !opts.allowedDepartments.has(current.departmentId)) add(col.vin, `VIN ${r.vin} is registered to a department outside your account's departments`);
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  if (opts.checkOnly) return { ok: true, imported: 0, updated: 0 };

  let imported = 0;
  let updated = 0;
  db.transaction(() => {
    // park changing plates first so swaps inside the file never trip the UNIQUE(plate) index
    const park = db.prepare("UPDATE vehicles SET plate = '~' || vin WHERE vin = ?");
    for (const r of rows) {
      const cur = existing.get(r.vin);
      if (cur && cur.plate !== r.plate) park.run(r.vin);
    }
    const ins = db.prepare('INSERT INTO vehicles (vin, plate, department_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const upd = db.prepare('UPDATE vehicles SET plate = ?, department_id = ?, updated_at = ? WHERE vin = ?');
    for (const r of rows) {
      if (existing.has(r.vin)) {
        upd.run(r.plate, r.departmentId, at, r.vin);
        updated++;
      } else {
        ins.run(r.vin, r.plate, r.departmentId, at, at);
        imported++;
      }
    }
  })();
  return { ok: true, imported, updated };
}
