// The sessions read repository over the store, the same query on SQLite and PostgreSQL: one page
// newest first (ties by session id, bytewise on both) and the count of every match.
import { sql, type RawBuilder } from 'kysely';
import type { Session } from '../domain/sessions/session.js';
import type { SessionFilter, SessionsRepo } from '../domain/sessions/sessions.repo.js';
import { inIds, storeDepartmentTree } from './department-tree.js';
import { pageOf } from './paged.js';
import { bytewise, type Store } from './store.js';

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
  return {
    ...storeDepartmentTree(store),
    page: async (f, limit, offset) => {
      const p = await pageOf<Omit<Session, 'billed'> & { billed: number }>(store, 'sessions', COLUMNS, where(f), sql`started_ms DESC, session_id ${bytewise(store)}`, limit, offset);
      return { items: p.items.map((s) => ({ ...s, billed: Number(s.billed) === 1 })), total: p.total };
    },
    disputed: async (stationId, limit) => {
      const station = stationId === undefined ? sql`1 = 1` : sql`station_id = ${stationId}`;
      const r = await sql<{ pile_id: string; session_id: string; station_id: number; reason: string; detail: string; record_json: string; received_at: string }>`
        SELECT * FROM disputed_sessions WHERE ${station} ORDER BY received_at ${bytewise(store)} DESC, session_id ${bytewise(store)} LIMIT ${limit}`.execute(store.db);
      return r.rows.map((d) => ({
        pileId: d.pile_id,
        sessionId: d.session_id,
        stationId: Number(d.station_id),
        reason: d.reason,
        detail: d.detail,
        record: JSON.parse(d.record_json),
        receivedAt: d.received_at,
      }));
    },
  };
}
