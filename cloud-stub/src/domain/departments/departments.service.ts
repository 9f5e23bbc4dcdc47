// Departments (企业部门): the tree of bus companies and fleets, with VIN-only switch, floor, stop
// password (write-only, versioned: each change is a new version, docs/charging-modes.md mode 4) and bound stations.
// Balance moves only through the ledger. Fleet accounts may change only the stop password and name
// of departments in their subtree; everything else is operator-only.
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { assertDepartmentVisible, requireOperator, subtreeIds, visibleDepartments } from '../access/actor.js';
import { CloudError, conflict, forbidden, invalid, notFound } from '../../shared/cloud-error.js';
import { hashSecret } from '../../shared/secret-hash.js';
import { hasHistory } from '../ledger/ledger.service.js';

export interface Department {
  id: number;
  name: string;
  parentId: number | null;
  vinOnly: boolean;
  floorFen: number;
  balanceFen: number;
  stopPasswordSet: boolean;
  stopPasswordVersion: number;
  stationIds: number[];
}

export interface DepartmentInput {
  name?: string;
  parentId?: number | null;
  vinOnly?: boolean;
  floorFen?: number;
  stopPassword?: string;
}

interface Row {
  id: number;
  name: string;
  parent_id: number | null;
  vin_only: number;
  floor_fen: number;
  balance_fen: number;
  stop_password_version: number;
}

const STOP_PASSWORD = /^[0-9]{4,12}$/;

function toDto(db: Db, r: Row): Department {
  const stationIds = db.prepare('SELECT station_id FROM department_stations WHERE department_id = ? ORDER BY station_id').pluck().all(r.id) as number[];
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    vinOnly: r.vin_only === 1,
    floorFen: r.floor_fen,
    balanceFen: r.balance_fen,
    stopPasswordSet: r.stop_password_version > 0,
    stopPasswordVersion: r.stop_password_version,
    stationIds,
  };
}

function row(db: Db, id: number): Row | undefined {
  return db.prepare('SELECT * FROM departments WHERE id = ?').get(id) as Row | undefined;
}

export function listDepartments(db: Db, actor: Actor): Department[] {
  const visible = visibleDepartments(db, actor);
  const rows = db.prepare('SELECT * FROM departments ORDER BY id').all() as Row[];
  return rows.filter((r) => !visible || visible.has(r.id)).map((r) => toDto(db, r));
}

export function getDepartment(db: Db, actor: Actor, id: number): Department {
  assertDepartmentVisible(db, actor, id);
  const r = row(db, id);
  if (!r) throw notFound('department');
  return toDto(db, r);
}

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 64) throw invalid('name', 'name must be 1–64 characters');
  return n;
}

function checkParent(db: Db, id: number | null, parentId: number | null): void {
  if (parentId === null) return;
  if (!row(db, parentId)) throw new CloudError('invalid', 'unknown-department', `parent department ${parentId} does not exist`, 'parentId');
  if (id !== null && subtreeIds(db, id).includes(parentId)) throw invalid('parentId', 'a department cannot sit under itself or its own sub-department');
}

function checkFloor(floorFen: number): void {
  if (!Number.isInteger(floorFen)) throw invalid('floorFen', 'floorFen must be a whole number of fen');
}

async function hashStopPassword(pw: string): Promise<string> {
  if (!STOP_PASSWORD.test(pw)) throw invalid('stopPassword', 'stopPassword must be 4–12 digits (it is typed on the pile screen)');
  return hashSecret(pw);
}

function addStopPassword(db: Db, id: number, hash: string, at: string): void {
  const v = db.prepare('UPDATE departments SET stop_password_version = stop_password_version + 1 WHERE id = ? RETURNING stop_password_version').pluck().get(id) as number;
  db.prepare('INSERT INTO department_stop_passwords (department_id, version, hash, created_at) VALUES (?, ?, ?, ?)').run(id, v, hash, at);
}

export async function createDepartment(db: Db, actor: Actor, input: DepartmentInput & { name: string }, at: string): Promise<Department> {
  requireOperator(actor);
  const name = checkName(input.name);
  const parentId = input.parentId ?? null;
  checkParent(db, null, parentId);
  if (input.floorFen !== undefined) checkFloor(input.floorFen);
  const hash = input.stopPassword !== undefined ? await hashStopPassword(input.stopPassword) : null;
  const id = db.transaction(() => {
    const info = db.prepare('INSERT INTO departments (name, parent_id, vin_only, floor_fen, created_at) VALUES (?, ?, ?, ?, ?)').run(name, parentId, input.vinOnly ? 1 : 0, input.floorFen ?? 0, at);
    const newId = Number(info.lastInsertRowid);
    if (hash) addStopPassword(db, newId, hash, at);
    return newId;
  })();
  return toDto(db, row(db, id)!);
}

const FLEET_FIELDS = new Set(['name', 'stopPassword']);

export async function updateDepartment(db: Db, actor: Actor, id: number, patch: DepartmentInput, at: string): Promise<Department> {
  assertDepartmentVisible(db, actor, id);
  const r = row(db, id);
  if (!r) throw notFound('department');
  if (actor.role === 'fleet') {
    const bad = Object.keys(patch).find((k) => !FLEET_FIELDS.has(k));
    if (bad) throw forbidden(`a fleet account may change only name and stopPassword, not ${bad}`, bad);
  }
  const name = patch.name !== undefined ? checkName(patch.name) : r.name;
  const parentId = patch.parentId !== undefined ? patch.parentId : r.parent_id;
  if (patch.parentId !== undefined) checkParent(db, id, parentId);
  if (patch.floorFen !== undefined) checkFloor(patch.floorFen);
  const hash = patch.stopPassword !== undefined ? await hashStopPassword(patch.stopPassword) : null;
  db.transaction(() => {
    db.prepare('UPDATE departments SET name = ?, parent_id = ?, vin_only = ?, floor_fen = ? WHERE id = ?').run(
      name,
      parentId,
      patch.vinOnly !== undefined ? (patch.vinOnly ? 1 : 0) : r.vin_only,
      patch.floorFen ?? r.floor_fen,
      id,
    );
    if (hash) addStopPassword(db, id, hash, at);
  })();
  return toDto(db, row(db, id)!);
}

/** Only an empty department goes: no sub-departments, members, vehicles, accounts, sessions or money history. */
export function deleteDepartment(db: Db, actor: Actor, id: number): void {
  requireOperator(actor);
  if (!row(db, id)) throw notFound('department');
  const uses: [string, (number | string)[], string][] = [
    ['SELECT 1 FROM departments WHERE parent_id = ?', [id], 'it has sub-departments'],
    ['SELECT 1 FROM members WHERE department_id = ?', [id], 'members belong to it'],
    ['SELECT 1 FROM vehicles WHERE department_id = ?', [id], 'vehicles belong to it'],
    ['SELECT 1 FROM accounts WHERE department_id = ?', [id], 'login accounts belong to it'],
    ["SELECT 1 FROM sessions WHERE department_id = ? OR (payer_kind = 'department' AND payer_id = ?)", [id, id], 'sessions are attributed to it'],
  ];
  for (const [sql, args, why] of uses) {
    if (db.prepare(sql).get(...args)) throw conflict('department-in-use', `department ${id} cannot be deleted: ${why}`);
  }
  if (hasHistory(db, { kind: 'department', id })) throw conflict('department-in-use', `department ${id} cannot be deleted: its fund pool has ledger entries`);
  db.prepare('DELETE FROM departments WHERE id = ?').run(id);
}

export function getDepartmentStations(db: Db, actor: Actor, id: number): number[] {
  return getDepartment(db, actor, id).stationIds;
}

/** Replaces the department's bound stations (docs/charging-modes.md rule 2). Operator only. */
export function setDepartmentStations(db: Db, actor: Actor, id: number, stationIds: number[]): number[] {
  requireOperator(actor);
  if (!row(db, id)) throw notFound('department');
  const unique = [...new Set(stationIds)];
  for (const s of unique) {
    if (!db.prepare('SELECT 1 FROM stations WHERE id = ?').get(s)) throw new CloudError('invalid', 'unknown-station', `station ${s} does not exist`, 'stationIds');
  }
  db.transaction(() => {
    db.prepare('DELETE FROM department_stations WHERE department_id = ?').run(id);
    const ins = db.prepare('INSERT INTO department_stations (department_id, station_id) VALUES (?, ?)');
    for (const s of unique) ins.run(id, s);
  })();
  return unique.sort((a, b) => a - b);
}
