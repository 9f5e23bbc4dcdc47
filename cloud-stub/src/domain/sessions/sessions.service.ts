// Reading recorded sessions: filters by time, station, department (with its sub-departments), VIN
// and card, paged newest first. A fleet account sees only sessions attributed to its subtree;
// unattributed sessions are the operator's. Sessions are written only by ingest/session-ingest.ts.
// Storage only through the SessionsRepo port (SQLite or PostgreSQL).
import { requireOperator, type Actor } from '../access/actor.js';
import { visibleSubtree } from '../access/department-scope.js';
import { instantRange } from '../reports/time-range.js';
import type { DisputedSession } from './disputed-session.js';
import type { Session } from './session.js';
import type { SessionsRepo } from './sessions.repo.js';

export type { Session } from './session.js';

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

/** Operator only: the sessions the cloud would not bill, most recent first. */
export async function listDisputedSessions(repo: SessionsRepo, actor: Actor, q: { stationId?: number; limit?: number }): Promise<DisputedSession[]> {
  requireOperator(actor);
  return repo.disputed(q.stationId, q.limit ?? 100);
}

export async function listSessions(repo: SessionsRepo, actor: Actor, q: SessionQuery, utcOffsetMinutes: number): Promise<{ items: Session[]; page: number; pageSize: number; total: number }> {
  const { fromMs, toMs } = instantRange(q.from, q.to, utcOffsetMinutes);
  let departmentIds: number[] | null = null;
  if (q.departmentId !== undefined) departmentIds = await visibleSubtree(repo, actor, q.departmentId, 'department', 'departmentId');
  else if (actor.role === 'fleet') departmentIds = await repo.subtree(actor.departmentId ?? -1);
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const page = Math.max(q.page ?? 1, 1);
  const { items, total } = await repo.page(
    { fromMs, toMs, stationId: q.stationId, vin: q.vin ? q.vin.trim().toUpperCase() : undefined, cardNo: q.cardNo ? q.cardNo.trim().toUpperCase() : undefined, departmentIds },
    pageSize,
    (page - 1) * pageSize,
  );
  return { items, page, pageSize, total };
}
