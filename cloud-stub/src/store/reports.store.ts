// The reports repository over the store, the same queries on SQLite and PostgreSQL: sums cast back
// to integers (PostgreSQL sums bigints as numeric), the grouping spelled out in full (PostgreSQL wants
// every selected column grouped), and text ordered bytewise on both (SQLite's default; `COLLATE "C"`
// on PostgreSQL, whatever the database's locale).
import { sql, type RawBuilder } from 'kysely';
import type { CardRow, CompanyRow, ReportsRepo } from '../domain/reports/reports.repo.js';
import { inIds, storeDepartmentTree } from './department-tree.js';
import { bytewise, type Store } from './store.js';

export function storeReportsRepo(store: Store): ReportsRepo {
  const db = store.db;
  const ordered = (e: RawBuilder<unknown>) => sql`${e} ${bytewise(store)}`;
  return {
    ...storeDepartmentTree(store),
    companyRows: async (ids, fromDay, toDay) => {
      // 0 = unattributed: never in a company report.
      const dept = ids === null ? sql`department_id > 0` : inIds('department_id', ids);
      const r = await sql<CompanyRow>`SELECT day, plate, vin, card_no AS "cardNo", department_id AS "departmentId", sessions, energy_wh AS "energyWh", amount_fen AS "amountFen"
        FROM session_days WHERE ${dept} AND day BETWEEN ${fromDay} AND ${toDay}
        ORDER BY ${ordered(sql`day`)}, ${ordered(sql`COALESCE(plate, vin, card_no, '')`)}, department_id`.execute(db);
      return r.rows;
    },
    cardRows: async (ids, fromDay, toDay) => {
      const dept = ids === null ? sql`1 = 1` : inIds('s.department_id', ids);
      const r = await sql<CardRow>`SELECT s.card_no AS "cardNo", m.name AS "memberName", MAX(s.plate) AS plate, s.department_id AS "departmentId", d.name AS "departmentName",
          CAST(COUNT(*) AS BIGINT) AS sessions, CAST(SUM(s.energy_wh) AS BIGINT) AS "energyWh", CAST(SUM(s.amount_fen) AS BIGINT) AS "amountFen"
        FROM sessions s LEFT JOIN cards c ON c.card_no = s.card_no LEFT JOIN members m ON m.id = c.member_id
        LEFT JOIN departments d ON d.id = s.department_id
        WHERE s.card_no IS NOT NULL AND s.day BETWEEN ${fromDay} AND ${toDay} AND ${dept}
        GROUP BY s.card_no, s.department_id, m.name, d.name ORDER BY ${ordered(sql`s.card_no`)}, s.department_id`.execute(db);
      return r.rows;
    },
    departmentNames: async () => new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [Number(d.id), d.name])),
  };
}
