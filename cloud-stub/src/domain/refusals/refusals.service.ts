// Reading refused charging attempts (written by the MQTT sync into `refusals`): who tried (card or
// VIN), where, why; filtered by time, station and pile, paged newest first like the session list.
// An operator sees every refusal; a fleet account only those whose department is in its subtree.
// Storage only through the RefusalsRepo port (SQLite or PostgreSQL).
import type { Actor } from '../access/actor.js';
import { instantRange } from '../reports/time-range.js';
import type { Refusal } from './refusal.js';
import type { RefusalsRepo } from './refusals.repo.js';

export type { Refusal } from './refusal.js';

export interface RefusalQuery {
  from?: string;
  to?: string;
  stationId?: number;
  pileId?: string;
  page?: number;
  pageSize?: number;
}

export async function listRefusals(repo: RefusalsRepo, actor: Actor, q: RefusalQuery, utcOffsetMinutes: number): Promise<{ items: Refusal[]; page: number; pageSize: number; total: number }> {
  const { fromMs, toMs } = instantRange(q.from, q.to, utcOffsetMinutes);
  const departmentIds = actor.role === 'fleet' ? await repo.subtree(actor.departmentId ?? -1) : null;
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const page = Math.max(q.page ?? 1, 1);
  const { items, total } = await repo.page({ fromMs, toMs, stationId: q.stationId, pileId: q.pileId || undefined, departmentIds }, pageSize, (page - 1) * pageSize);
  return { items, page, pageSize, total };
}
