// Vehicles (车辆): VIN (17 chars, check digit), plate (Chinese plate syntax) and department. One
// vehicle per VIN, one per plate. Operators manage all; a fleet account registers, edits and
// deletes vehicles inside its own department subtree (it cannot move one out of it).
import { likeContains } from '../../shared/like.js';
import { prep } from '../../persistence/sqlite/statements.js';
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { assertDepartmentUsable, visibleDepartments } from '../access/actor.js';
import { classifyVinText } from '../../../../pile-agent/contract.js';
import { normalizePlate, validatePlate } from '../validation/plate.js';
import { conflict, invalid, notFound } from '../../shared/cloud-error.js';

export interface Vehicle {
  vin: string;
  plate: string;
  departmentId: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  vin: string;
  plate: string;
  department_id: number;
  created_at: string;
  updated_at: string;
}

const toDto = (r: Row): Vehicle => ({ vin: r.vin, plate: r.plate, departmentId: r.department_id, createdAt: r.created_at, updatedAt: r.updated_at });

/** null when the VIN is acceptable; else the message (reference §3.6 alphabet and check digit). */
export function vinProblem(vin: string): string | null {
  switch (classifyVinText(vin)) {
    case 'valid':
      return null;
    case 'bad-check-digit':
      return `VIN ${vin} fails the check digit (position 9)`;
    default:
      return 'VIN must be 17 characters of 0-9 and A-Z without I, O, Q';
  }
}

export const normalizeVin = (text: string): string => text.trim().toUpperCase();

function checkVin(vin: string): void {
  const p = vinProblem(vin);
  if (p) throw invalid('vin', p, 'invalid-vin');
}

function checkPlate(plate: string): void {
  const p = validatePlate(plate);
  if (p) throw invalid('plate', p, 'invalid-plate');
}

function row(db: Db, vin: string): Row | undefined {
  return prep(db, 'SELECT * FROM vehicles WHERE vin = ?').get(vin) as Row | undefined;
}

function visibleRow(db: Db, actor: Actor, vin: string): Row {
  const r = row(db, normalizeVin(vin));
  const visible = visibleDepartments(db, actor);
  if (!r || (visible && !visible.has(r.department_id))) throw notFound('vehicle', 'vin');
  return r;
}

export interface VehicleQuery {
  q?: string;
  departmentId?: number;
  limit?: number;
}

/** The auto-search: `q` matches part of a VIN or a plate (case-insensitive), at most `limit` hits. */
export function listVehicles(db: Db, actor: Actor, query: VehicleQuery): Vehicle[] {
  const visible = visibleDepartments(db, actor);
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (query.q) {
    const q = likeContains(query.q.trim().toUpperCase());
    where.push("(vin LIKE ? ESCAPE '\\' OR upper(plate) LIKE ? ESCAPE '\\')");
    args.push(q, q);
  }
  if (query.departmentId !== undefined) {
    where.push('department_id = ?');
    args.push(query.departmentId);
  }
  const sql = `SELECT * FROM vehicles ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY plate`;
  const rows = db.prepare(sql).all(...args) as Row[];
  return rows
    .filter((r) => !visible || visible.has(r.department_id))
    .slice(0, query.limit ?? 1000)
    .map(toDto);
}

export function getVehicle(db: Db, actor: Actor, vin: string): Vehicle {
  return toDto(visibleRow(db, actor, vin));
}

/**
 * A plate is unique. The VIN holding it is named only to an account that can see that vehicle: a fleet
 * account learns nothing about another fleet's buses (it can only tell that the plate is taken).
 */
function assertPlateFree(db: Db, actor: Actor, plate: string, selfVin: string | null): void {
  const owner = db.prepare('SELECT vin, department_id AS d FROM vehicles WHERE plate = ?').get(plate) as { vin: string; d: number } | undefined;
  if (owner === undefined || owner.vin === selfVin) return;
  const visible = visibleDepartments(db, actor);
  if (visible && !visible.has(owner.d)) throw conflict('plate-unavailable', `plate ${plate} cannot be registered from this account: ask the operator`, 'plate');
  throw conflict('duplicate-plate', `plate ${plate} is already registered to VIN ${owner.vin}`, 'plate');
}

export function createVehicle(db: Db, actor: Actor, input: { vin: string; plate: string; departmentId: number }, at: string): Vehicle {
  const vin = normalizeVin(input.vin);
  const plate = normalizePlate(input.plate);
  checkVin(vin);
  checkPlate(plate);
  assertDepartmentUsable(db, actor, input.departmentId);
  const existing = row(db, vin);
  if (existing) {
    const visible = visibleDepartments(db, actor);
    // Outside the account's subtree: no word on whose it is or that it is "registered".
    if (visible && !visible.has(existing.department_id)) throw conflict('vin-unavailable', `VIN ${vin} cannot be registered from this account: ask the operator`, 'vin');
    throw conflict('duplicate-vin', `VIN ${vin} is already registered`, 'vin');
  }
  assertPlateFree(db, actor, plate, null);
  db.prepare('INSERT INTO vehicles (vin, plate, department_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(vin, plate, input.departmentId, at, at);
  return toDto(row(db, vin)!);
}

export function updateVehicle(db: Db, actor: Actor, vinText: string, patch: { plate?: string; departmentId?: number }, at: string): Vehicle {
  const r = visibleRow(db, actor, vinText);
  const plate = patch.plate !== undefined ? normalizePlate(patch.plate) : r.plate;
  if (patch.plate !== undefined) {
    checkPlate(plate);
    assertPlateFree(db, actor, plate, r.vin);
  }
  if (patch.departmentId !== undefined) assertDepartmentUsable(db, actor, patch.departmentId);
  db.prepare('UPDATE vehicles SET plate = ?, department_id = ?, updated_at = ? WHERE vin = ?').run(plate, patch.departmentId ?? r.department_id, at, r.vin);
  return toDto(row(db, r.vin)!);
}

export function deleteVehicle(db: Db, actor: Actor, vinText: string): void {
  const r = visibleRow(db, actor, vinText);
  db.prepare('DELETE FROM vehicles WHERE vin = ?').run(r.vin);
}

/** Registry lookups for ingest (no actor: the system attributes sessions). */
export function vehicleByVin(db: Db, vin: string): Vehicle | null {
  const r = row(db, vin);
  return r ? toDto(r) : null;
}

export function vehicleByPlate(db: Db, plate: string): Vehicle | null {
  const r = prep(db, 'SELECT * FROM vehicles WHERE plate = ?').get(normalizePlate(plate)) as Row | undefined;
  return r ? toDto(r) : null;
}
