// Reading recorded sessions: filters by time, station, department (with its sub-departments), VIN
// and card, paged newest first. A fleet account sees only sessions attributed to its subtree;
// unattributed sessions are the operator's. Sessions are written only by ingest/session-ingest.ts.
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { assertDepartmentVisible, subtreeIds, visibleDepartments } from '../access/actor.js';
import { instantRange } from '../reports/time-range.js';
import type { SessionInsertRow } from '../../persistence/sqlite/sessions.sqlite-repo.js';

/** A recorded session as the API shows it: the stored row without its internal bookkeeping columns. */
export type Session = Omit<SessionInsertRow, 'reportedDepartmentId' | 'vehicleKey' | 'startedMs' | 'day' | 'ingestedAt'>;

export interface SessionQuery {
  from?: string;
  to?: string;
  stationId?: number;
  departmentId?: number;
  vin?: string;
  cardNo?: string;
  page?: number;
  pageSize?: number;
}

const COLUMNS = `session_id AS sessionId, pile_id AS pileId, connector_id AS connectorId, station_id AS stationId, mode,
  credential_kind AS credentialKind, card_no AS cardNo, vin, vin_status AS vinStatus, plate, payer_kind AS payerKind,
  payer_id AS payerId, department_id AS departmentId, meter_start_wh AS meterStartWh, meter_stop_wh AS meterStopWh,
  energy_wh AS energyWh, amount_fen AS amountFen, billed, started_at AS startedAt, stopped_at AS stoppedAt, stop_reason AS stopReason`;

export function listSessions(db: Db, actor: Actor, q: SessionQuery, utcOffsetMinutes: number): { items: Session[]; page: number; pageSize: number; total: number } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    args.push(...values);
  };
  const { fromMs, toMs } = instantRange(q.from, q.to, utcOffsetMinutes);
  if (fromMs !== undefined) add('started_ms >= ?', fromMs);
  if (toMs !== undefined) add('started_ms < ?', toMs);
  if (q.stationId !== undefined) add('station_id = ?', q.stationId);
  if (q.vin) add('vin = ?', q.vin.trim().toUpperCase());
  if (q.cardNo) add('card_no = ?', q.cardNo.trim().toUpperCase());
  let depts: number[] | null = null;
  if (q.departmentId !== undefined) {
    assertDepartmentVisible(db, actor, q.departmentId, 'department', 'departmentId');
    depts = subtreeIds(db, q.departmentId);
  } else {
    const visible = visibleDepartments(db, actor);
    if (visible) depts = [...visible];
  }
  if (depts) add(`department_id IN (${depts.map(() => '?').join(',') || 'NULL'})`, ...depts);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const page = Math.max(q.page ?? 1, 1);
  const total = db
    .prepare(`SELECT COUNT(*) FROM sessions ${clause}`)
    .pluck()
    .get(...args) as number;
  const items = (
    db.prepare(`SELECT ${COLUMNS} FROM sessions ${clause} ORDER BY started_ms DESC, session_id LIMIT ? OFFSET ?`).all(...args, pageSize, (page - 1) * pageSize) as (Omit<Session, 'billed'> & {
      billed: number;
    })[]
  ).map((s) => ({ ...s, billed: s.billed === 1 }));
  return { items, page, pageSize, total };
}
