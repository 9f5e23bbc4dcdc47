// The two reports: "one card one car" (一卡一车: per card — member, plate, sessions, energy, amount)
// and the company report (a department and all its sub-departments: per local day and vehicle).
// Both in whole local days, both limited to what the actor may see; they return a table (columns
// with Chinese titles + rows) that the route serves as JSON or renders as CSV/XLSX.
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { assertDepartmentVisible, requireOperator, subtreeIds } from '../access/actor.js';
import { dayRange } from './time-range.js';

export interface ReportTable {
  columns: { key: string; title: string }[];
  rows: Record<string, string | number | null>[];
}

export interface ReportQuery {
  departmentId?: number;
  from?: string;
  to?: string;
}

export interface Report extends ReportTable {
  departmentId: number | null;
  fromDay: string;
  toDay: string;
  totals: { sessions: number; energyWh: number; amountFen: number };
}

/** Exact decimal text of integer Wh as kWh and integer fen as yuan (no float rounding). */
export const kwhText = (wh: number): string => `${wh < 0 ? '-' : ''}${Math.floor(Math.abs(wh) / 1000)}.${String(Math.abs(wh) % 1000).padStart(3, '0')}`;
export const yuanText = (fen: number): string => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/** The departments the report covers: the asked one's subtree, or the fleet's own, or all (operator, none asked). */
function scope(db: Db, actor: Actor, departmentId: number | undefined): { root: number | null; ids: number[] | null } {
  const root = departmentId ?? (actor.role === 'fleet' ? actor.departmentId! : undefined);
  if (root === undefined) {
    requireOperator(actor);
    return { root: null, ids: null };
  }
  assertDepartmentVisible(db, actor, root, 'department', 'departmentId');
  return { root, ids: subtreeIds(db, root) };
}

function totals(rows: { sessions: number; energyWh: number; amountFen: number }[]) {
  return rows.reduce((t, r) => ({ sessions: t.sessions + r.sessions, energyWh: t.energyWh + r.energyWh, amountFen: t.amountFen + r.amountFen }), { sessions: 0, energyWh: 0, amountFen: 0 });
}

const inList = (ids: number[]) => `(${ids.map(() => '?').join(',') || 'NULL'})`;

/** The department and figure columns both reports end with. */
const TOTAL_COLUMNS = [
  { key: 'departmentId', title: '部门ID' },
  { key: 'departmentName', title: '部门' },
  { key: 'sessions', title: '充电次数' },
  { key: 'energyWh', title: '电量(Wh)' },
  { key: 'kWh', title: '电量(kWh)' },
  { key: 'amountFen', title: '金额(分)' },
  { key: 'yuan', title: '金额(元)' },
];

export function oneCardOneCarReport(db: Db, actor: Actor, q: ReportQuery, utcOffsetMinutes: number): Report {
  const { root, ids } = scope(db, actor, q.departmentId);
  const { fromDay, toDay } = dayRange(q.from, q.to, utcOffsetMinutes);
  const deptClause = ids ? `AND s.department_id IN ${inList(ids)}` : '';
  const rows = db
    .prepare(
      `SELECT s.card_no AS cardNo, m.name AS memberName, MAX(s.plate) AS plate, s.department_id AS departmentId, d.name AS departmentName,
         COUNT(*) AS sessions, SUM(s.energy_wh) AS energyWh, SUM(s.amount_fen) AS amountFen
       FROM sessions s LEFT JOIN cards c ON c.card_no = s.card_no LEFT JOIN members m ON m.id = c.member_id
       LEFT JOIN departments d ON d.id = s.department_id
       WHERE s.card_no IS NOT NULL AND s.day BETWEEN ? AND ? ${deptClause}
       GROUP BY s.card_no, s.department_id ORDER BY s.card_no`,
    )
    .all(fromDay, toDay, ...(ids ?? [])) as {
    cardNo: string;
    memberName: string | null;
    plate: string | null;
    departmentId: number | null;
    departmentName: string | null;
    sessions: number;
    energyWh: number;
    amountFen: number;
  }[];
  return {
    departmentId: root,
    fromDay,
    toDay,
    totals: totals(rows),
    columns: [{ key: 'cardNo', title: '卡号' }, { key: 'memberName', title: '会员' }, { key: 'plate', title: '车牌号' }, ...TOTAL_COLUMNS],
    rows: rows.map((r) => ({ ...r, kWh: kwhText(r.energyWh), yuan: yuanText(r.amountFen) })),
  };
}

export function companyReport(db: Db, actor: Actor, q: ReportQuery, utcOffsetMinutes: number): Report {
  const { root, ids } = scope(db, actor, q.departmentId);
  const { fromDay, toDay } = dayRange(q.from, q.to, utcOffsetMinutes);
  // the per-day rollup kept by the session insert; 0 = unattributed, never in a company report
  const deptClause = ids ? `department_id IN ${inList(ids)}` : 'department_id > 0';
  const raw = db
    .prepare(
      `SELECT day, plate, vin, card_no, department_id, sessions, energy_wh, amount_fen FROM session_days
       WHERE ${deptClause} AND day BETWEEN ? AND ? ORDER BY day, COALESCE(plate, vin, card_no, ''), department_id`,
    )
    .raw()
    .all(...(ids ?? []), fromDay, toDay) as [string, string | null, string | null, string | null, number, number, number, number][];
  const names = new Map((db.prepare('SELECT id, name FROM departments').all() as { id: number; name: string }[]).map((d) => [d.id, d.name]));
  const sorted = raw.map(([day, plate, vin, cardNo, departmentId, sessions, energyWh, amountFen]) => ({
    day,
    plate,
    vin,
    cardNo,
    departmentId,
    departmentName: names.get(departmentId) ?? null,
    sessions,
    energyWh,
    kWh: kwhText(energyWh),
    amountFen,
    yuan: yuanText(amountFen),
  }));
  return {
    departmentId: root,
    fromDay,
    toDay,
    totals: totals(sorted),
    columns: [{ key: 'day', title: '日期' }, { key: 'plate', title: '车牌号' }, { key: 'vin', title: 'VIN' }, { key: 'cardNo', title: '卡号' }, ...TOTAL_COLUMNS],
    rows: sorted,
  };
}
