// The sessions read repository over the store, the same query on SQLite and PostgreSQL: one page
// newest first (ties by session id, bytewise on both) and the count of every match.
import { sql, type RawBuilder } from 'kysely';
import type { Session } from '../domain/sessions/session.js';
import type { SessionFilter, SessionsRepo } from '../domain/sessions/sessions.repo.js';
import { inIds, storeDepartmentTree } from './department-tree.js';
import type { Store } from './store.js';

const COLUMNS = sql`session_id AS "sessionId", pile_id AS "pileId", connector_id AS "connectorId", station_id AS "stationId", mode,
  credential_kind AS "credentialKind", card_no AS "cardNo", vin, vin_status AS "vinStatus", plate, payer_kind AS "payerKind",
  payer_id AS "payerId", department_id AS "departmentId", meter_start_wh AS "meterStartWh", meter_stop_wh AS "meterStopWh",
  energy_wh AS "energyWh", amount_fen AS "amountFen", billed, started_at AS "startedAt", stopped_at AS "stoppedAt", stop_reason AS "stopReason"`;

function where(f: SessionFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.fromMs !== undefined) parts.push(sql`started_ms >= ${f.fromMs}`);
  if (f.toMs !== undefined) parts.push(sql`started_ms < ${f.toMs}`);
  if (f.stationId !== undefined) parts.push(sql`station_id = ${f.stationId}`);
  if (f.vin !== undefined) parts.push(sql`vin = ${f.vin}`);
  if (f.cardNo !== undefined) parts.push(sql`card_no = ${f.cardNo}`);
  if (f.departmentIds) parts.push(inIds('department_id', f.departmentIds));
  return sql.join(parts, sql` AND `);
}

export function storeSessionsRepo(store: Store): SessionsRepo {
  const db = store.db;
  const bytewise = store.engine === 'postgres' ? sql`COLLATE "C"` : sql``;
  return {
    ...storeDepartmentTree(store),
    page: async (f, limit, offset) => {
      const w = where(f);
      const [count, rows] = await Promise.all([
        sql<{ n: number }>`SELECT COUNT(*) AS n FROM sessions WHERE ${w}`.execute(db),
        sql<Omit<Session, 'billed'> & { billed: number }>`SELECT ${COLUMNS} FROM sessions WHERE ${w}
          ORDER BY started_ms DESC, session_id ${bytewise} LIMIT ${limit} OFFSET ${offset}`.execute(db),
      ]);
      return { items: rows.rows.map((s) => ({ ...s, billed: Number(s.billed) === 1 })), total: Number(count.rows[0].n) };
    },
  };
}
