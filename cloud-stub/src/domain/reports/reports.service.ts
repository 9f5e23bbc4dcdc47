// The two reports: "one card one car" (一卡一车: per card — member, plate, sessions, energy, amount)
// and the company report (a department and all its sub-departments: per local day and vehicle).
// Both in whole local days, both limited to what the actor may see; they return a table (columns
// with Chinese titles + rows) that the route serves as JSON or renders as CSV/XLSX. Storage only
// through the ReportsRepo port (SQLite or PostgreSQL).
import type { Actor } from '../access/actor.js';
import { requireOperator } from '../access/actor.js';
import { visibleSubtree } from '../access/department-scope.js';
import type { ReportsRepo } from './reports.repo.js';
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
async function scope(repo: ReportsRepo, actor: Actor, departmentId: number | undefined): Promise<{ root: number | null; ids: number[] | null }> {
  const root = departmentId ?? (actor.role === 'fleet' ? (actor.departmentId ?? undefined) : undefined);
  if (root === undefined) {
    requireOperator(actor);
    return { root: null, ids: null };
  }
  return { root, ids: await visibleSubtree(repo, actor, root, 'department', 'departmentId') };
}

function totals(rows: { sessions: number; energyWh: number; amountFen: number }[]) {
  return rows.reduce((t, r) => ({ sessions: t.sessions + r.sessions, energyWh: t.energyWh + r.energyWh, amountFen: t.amountFen + r.amountFen }), { sessions: 0, energyWh: 0, amountFen: 0 });
}

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

export async function oneCardOneCarReport(repo: ReportsRepo, actor: Actor, q: ReportQuery, utcOffsetMinutes: number): Promise<Report> {
  const { root, ids } = await scope(repo, actor, q.departmentId);
  const { fromDay, toDay } = dayRange(q.from, q.to, utcOffsetMinutes);
  const rows = await repo.cardRows(ids, fromDay, toDay);
  return {
    departmentId: root,
    fromDay,
    toDay,
    totals: totals(rows),
    columns: [{ key: 'cardNo', title: '卡号' }, { key: 'memberName', title: '会员' }, { key: 'plate', title: '车牌号' }, ...TOTAL_COLUMNS],
    rows: rows.map((r) => ({ ...r, kWh: kwhText(r.energyWh), yuan: yuanText(r.amountFen) })),
  };
}

export async function companyReport(repo: ReportsRepo, actor: Actor, q: ReportQuery, utcOffsetMinutes: number): Promise<Report> {
  const { root, ids } = await scope(repo, actor, q.departmentId);
  const { fromDay, toDay } = dayRange(q.from, q.to, utcOffsetMinutes);
  const [raw, names] = await Promise.all([repo.companyRows(ids, fromDay, toDay), repo.departmentNames()]);
  const sorted = raw.map((r) => ({
    day: r.day,
    plate: r.plate,
    vin: r.vin,
    cardNo: r.cardNo,
    departmentId: r.departmentId,
    departmentName: names.get(r.departmentId) ?? null,
    sessions: r.sessions,
    energyWh: r.energyWh,
    kWh: kwhText(r.energyWh),
    amountFen: r.amountFen,
    yuan: yuanText(r.amountFen),
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
