// Stations (充电站): name, station administrator member (mode 1 card), fixed password (write-only,
// versioned), tariff. Operator-only writes; a fleet account sees the stations bound to its
// departments, without administrator or password details.
import { prep } from '../../persistence/sqlite/statements.js';
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { requireOperator, visibleDepartments } from '../access/actor.js';
import { CloudError, conflict, invalid, notFound } from '../../shared/cloud-error.js';
import { hashSecret } from '../../shared/secret-hash.js';
import { DEFAULT_TARIFF, validateTariff, type Tariff } from './tariff.js';

export interface Station {
  id: number;
  name: string;
  adminMemberId: number | null;
  fixedPasswordSet: boolean;
  fixedPasswordVersion: number;
  tariff: Tariff;
  pileIds: string[];
}

export interface StationInput {
  name: string;
  adminMemberId?: number | null;
  fixedPassword?: string | null;
  tariff?: Tariff;
}

interface Row {
  id: number;
  name: string;
  admin_member_id: number | null;
  fixed_password_hash: string | null;
  fixed_password_version: number;
  tariff_json: string;
}

const FIXED_PASSWORD = /^[0-9]{4,12}$/;

function toDto(db: Db, r: Row): Station {
  const pileIds = db.prepare('SELECT pile_id FROM piles WHERE station_id = ? ORDER BY pile_id').pluck().all(r.id) as string[];
  return {
    id: r.id,
    name: r.name,
    adminMemberId: r.admin_member_id,
    fixedPasswordSet: r.fixed_password_hash !== null,
    fixedPasswordVersion: r.fixed_password_version,
    tariff: JSON.parse(r.tariff_json) as Tariff,
    pileIds,
  };
}

export function stationRow(db: Db, id: number): Row | undefined {
  return prep(db, 'SELECT * FROM stations WHERE id = ?').get(id) as Row | undefined;
}

export function stationTariff(db: Db, id: number): Tariff | null {
  const r = stationRow(db, id);
  return r ? (JSON.parse(r.tariff_json) as Tariff) : null;
}

/** Fleet view: only stations bound to a department of its subtree; admin and password hidden. */
function fleetView(s: Station): Station {
  return { ...s, adminMemberId: null, fixedPasswordSet: false, fixedPasswordVersion: 0 };
}

function fleetStationIds(db: Db, actor: Actor): Set<number> | null {
  const visible = visibleDepartments(db, actor);
  if (!visible) return null;
  const ids = db.prepare('SELECT DISTINCT department_id, station_id FROM department_stations').all() as { department_id: number; station_id: number }[];
  return new Set(ids.filter((r) => visible.has(r.department_id)).map((r) => r.station_id));
}

export function listStations(db: Db, actor: Actor): Station[] {
  const allowed = fleetStationIds(db, actor);
  const rows = db.prepare('SELECT * FROM stations ORDER BY id').all() as Row[];
  return rows.filter((r) => !allowed || allowed.has(r.id)).map((r) => (allowed ? fleetView(toDto(db, r)) : toDto(db, r)));
}

export function getStation(db: Db, actor: Actor, id: number): Station {
  const allowed = fleetStationIds(db, actor);
  const r = stationRow(db, id);
  if (!r || (allowed && !allowed.has(id))) throw notFound('station');
  return allowed ? fleetView(toDto(db, r)) : toDto(db, r);
}

function checkName(db: Db, name: string, selfId: number | null): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 64) throw invalid('name', 'name must be 1–64 characters');
  const other = db.prepare('SELECT id FROM stations WHERE name = ?').pluck().get(n) as number | undefined;
  if (other !== undefined && other !== selfId) throw conflict('duplicate-station', `a station named "${n}" already exists`, 'name');
  return n;
}

function checkAdmin(db: Db, memberId: number | null | undefined): void {
  if (memberId == null) return;
  if (!db.prepare('SELECT 1 FROM members WHERE id = ?').get(memberId)) throw new CloudError('invalid', 'unknown-member', `member ${memberId} does not exist`, 'adminMemberId');
}

/** Validates a tariff and fills the optional period list; undefined stays undefined. */
function checkTariff(t: (Omit<Tariff, 'periods'> & { periods?: Tariff['periods'] }) | undefined): Tariff | undefined {
  if (!t) return undefined;
  const full: Tariff = { fenPerKwh: t.fenPerKwh, periods: t.periods ?? [] };
  const bad = validateTariff(full);
  if (bad) throw invalid(bad.field, bad.message, 'invalid-tariff');
  return full;
}

async function hashFixed(pw: string | null | undefined): Promise<string | null | undefined> {
  if (pw == null) return pw;
  if (!FIXED_PASSWORD.test(pw)) throw invalid('fixedPassword', 'fixedPassword must be 4–12 digits (it is typed on the pile screen)');
  return hashSecret(pw);
}

export async function createStation(db: Db, actor: Actor, input: StationInput, at: string): Promise<Station> {
  requireOperator(actor);
  const name = checkName(db, input.name, null);
  checkAdmin(db, input.adminMemberId);
  const tariff = checkTariff(input.tariff);
  const hash = await hashFixed(input.fixedPassword);
  const info = db
    .prepare('INSERT INTO stations (name, admin_member_id, fixed_password_hash, fixed_password_version, tariff_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(name, input.adminMemberId ?? null, hash ?? null, hash ? 1 : 0, JSON.stringify(tariff ?? DEFAULT_TARIFF), at);
  return toDto(db, stationRow(db, Number(info.lastInsertRowid))!);
}

/** PATCH: `fixedPassword: null` removes the fixed password; a new one bumps the version. */
export async function updateStation(db: Db, actor: Actor, id: number, patch: Partial<StationInput>): Promise<Station> {
  requireOperator(actor);
  const r = stationRow(db, id);
  if (!r) throw notFound('station');
  const name = patch.name !== undefined ? checkName(db, patch.name, id) : r.name;
  checkAdmin(db, patch.adminMemberId);
  const tariff = checkTariff(patch.tariff);
  const hash = await hashFixed(patch.fixedPassword);
  db.prepare('UPDATE stations SET name = ?, admin_member_id = ?, fixed_password_hash = ?, fixed_password_version = ?, tariff_json = ? WHERE id = ?').run(
    name,
    patch.adminMemberId !== undefined ? patch.adminMemberId : r.admin_member_id,
    hash !== undefined ? hash : r.fixed_password_hash,
    hash !== undefined ? r.fixed_password_version + 1 : r.fixed_password_version,
    tariff ? JSON.stringify(tariff) : r.tariff_json,
    id,
  );
  return toDto(db, stationRow(db, id)!);
}
