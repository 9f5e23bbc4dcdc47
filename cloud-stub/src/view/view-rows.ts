// The desired rows of the station views (issue 8 item 2): for one key of one entity, which stations
// must hold it and with which row, in the contract's row shapes (pile-agent/contract
// whitelistRowSchemas). A station's piles get: departments bound to it, their vehicles and their
// members' cards, the station administrator's cards, the fixed password, the station and its tariff.
// Ids are text on the wire (the cloud's integers in decimal). Pure reads of the registry.
import type { WhitelistRowOf } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';

export type Entity = 'department' | 'vehicle' | 'card' | 'fixed-password' | 'station';
export type Rows = Map<number, WhitelistRowOf[Entity]>;

const s = (id: number): string => String(id);
const boundStations = (db: Db, departmentId: number): number[] => db.prepare('SELECT station_id FROM department_stations WHERE department_id = ?').pluck().all(departmentId) as number[];

interface DeptRow {
  id: number;
  name: string;
  parent_id: number | null;
  vin_only: number;
  floor_fen: number;
  balance_fen: number;
  stop_password_version: number;
}

/** A department bound to a station, at every station it is bound to. */
export function departmentRows(db: Db, id: number): Rows {
  const d = db.prepare('SELECT id, name, parent_id, vin_only, floor_fen, balance_fen, stop_password_version FROM departments WHERE id = ?').get(id) as DeptRow | undefined;
  const out: Rows = new Map();
  if (!d) return out;
  const hash = db.prepare('SELECT hash FROM department_stop_passwords WHERE department_id = ? ORDER BY version DESC LIMIT 1').pluck().get(id) as string | undefined;
  const row: WhitelistRowOf['department'] = {
    id: s(d.id),
    parentId: d.parent_id === null ? null : s(d.parent_id),
    name: d.name.slice(0, 128),
    vinOnly: d.vin_only === 1,
    canPay: d.balance_fen > d.floor_fen,
    boundHere: true,
    stopPasswordHash: hash ?? null,
    stopPasswordVersion: d.stop_password_version,
    offlineAllowed: true,
  };
  for (const st of boundStations(db, id)) out.set(st, row);
  return out;
}

/** A vehicle, at every station its department is bound to. */
export function vehicleRows(db: Db, vin: string): Rows {
  const v = db.prepare('SELECT vin, plate, department_id AS d FROM vehicles WHERE vin = ?').get(vin) as { vin: string; plate: string; d: number } | undefined;
  const out: Rows = new Map();
  if (!v) return out;
  for (const st of boundStations(db, v.d)) out.set(st, { vin: v.vin, plate: v.plate, departmentId: s(v.d) });
  return out;
}

/** A card: at the stations its member's department is bound to, and where its member is the administrator. */
export function cardRows(db: Db, cardNo: string): Rows {
  const c = db
    .prepare(`SELECT c.card_no AS cardNo, m.id AS memberId, m.name, m.kind, m.department_id AS d, m.balance_fen AS balance
    FROM cards c JOIN members m ON m.id = c.member_id WHERE c.card_no = ?`)
    .get(cardNo) as { cardNo: string; memberId: number; name: string; kind: 'virtual' | 'real'; d: number | null; balance: number } | undefined;
  const out: Rows = new Map();
  if (!c) return out;
  const base = {
    cardNo: c.cardNo,
    memberId: s(c.memberId),
    memberName: c.name.slice(0, 128),
    memberKind: c.kind,
    departmentId: c.d === null ? null : s(c.d),
    memberCanPay: c.balance > 0,
    offlineAllowed: true,
  };
  if (c.d !== null) for (const st of boundStations(db, c.d)) out.set(st, { ...base, stationAdmin: false });
  for (const st of db.prepare('SELECT id FROM stations WHERE admin_member_id = ?').pluck().all(c.memberId) as number[]) out.set(st, { ...base, stationAdmin: true });
  return out;
}

interface StationRow {
  id: number;
  name: string;
  admin_member_id: number | null;
  fixed_password_hash: string | null;
  fixed_password_version: number;
  tariff_json: string;
}

function stationRow(db: Db, id: number): StationRow | undefined {
  return db.prepare('SELECT id, name, admin_member_id, fixed_password_hash, fixed_password_version, tariff_json FROM stations WHERE id = ?').get(id) as StationRow | undefined;
}

/** The station row (name, tariff) at its own station. */
export function stationRows(db: Db, id: number): Rows {
  const st = stationRow(db, id);
  const out: Rows = new Map();
  if (!st) return out;
  const t = JSON.parse(st.tariff_json) as { fenPerKwh: number; periods: { name: string; start: string; end: string; fenPerKwh: number }[] };
  out.set(id, { id: s(id), name: st.name.slice(0, 128), tariff: { fenPerKwh: t.fenPerKwh, periods: t.periods.map((p) => ({ name: p.name, start: p.start, end: p.end, fenPerKwh: p.fenPerKwh })) } });
  return out;
}

/** The fixed-password rows a station must hold, by key (`{station}-{version}`): none without a password or an administrator (who pays). */
export function fixedPasswordRows(db: Db, stationId: number): Map<string, WhitelistRowOf['fixed-password']> {
  const st = stationRow(db, stationId);
  const out = new Map<string, WhitelistRowOf['fixed-password']>();
  if (!st?.fixed_password_hash || st.admin_member_id === null) return out;
  const m = db.prepare('SELECT id, name, balance_fen FROM members WHERE id = ?').get(st.admin_member_id) as { id: number; name: string; balance_fen: number } | undefined;
  if (!m) return out;
  const key = `${stationId}-${st.fixed_password_version}`;
  out.set(key, { id: key, hash: st.fixed_password_hash, memberId: s(m.id), memberName: m.name.slice(0, 128), memberCanPay: m.balance_fen > 0 });
  return out;
}
