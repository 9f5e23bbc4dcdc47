// Reading refused charging attempts (written by the MQTT sync into `refusals`): who tried (card or
// VIN), where, why; filtered by time, station and pile, paged newest first like the session list.
// An operator sees every refusal; a fleet account only those whose department is in its subtree.
import type { Db } from '../../persistence/sqlite/db.js';
import { visibleDepartments, type Actor } from '../access/actor.js';
import { instantRange } from '../reports/time-range.js';

export interface RefusalQuery {
  from?: string;
  to?: string;
  stationId?: number;
  pileId?: string;
  page?: number;
  pageSize?: number;
}

export interface Refusal {
  id: string;
  pileId: string;
  connectorId: number;
  stationId: number;
  at: string;
  credentialKind: string;
  cardNo: string | null;
  vin: string | null;
  vinStatus: string | null;
  reason: string;
  mode: number | null;
  departmentId: number | null;
  receivedAt: string;
}

const COLUMNS = `id, pile_id AS pileId, connector_id AS connectorId, station_id AS stationId, at, credential_kind AS credentialKind,
  card_no AS cardNo, vin, vin_status AS vinStatus, reason, mode, department_id AS departmentId, received_at AS receivedAt`;
/** `at` is ISO 8601 text from the pile (with or without milliseconds): compare as instants, not as text. */
const AT_MS = `CAST(ROUND(unixepoch(at, 'subsec') * 1000) AS INTEGER)`;

export function listRefusals(db: Db, actor: Actor, q: RefusalQuery, utcOffsetMinutes: number): { items: Refusal[]; page: number; pageSize: number; total: number } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    args.push(...values);
  };
  const { fromMs, toMs } = instantRange(q.from, q.to, utcOffsetMinutes);
  if (fromMs !== undefined) add(`${AT_MS} >= ?`, fromMs);
  if (toMs !== undefined) add(`${AT_MS} < ?`, toMs);
  if (q.stationId !== undefined) add('station_id = ?', q.stationId);
  if (q.pileId) add('pile_id = ?', q.pileId);
  const visible = visibleDepartments(db, actor);
  if (visible) add(`department_id IN (${[...visible].map(() => '?').join(',') || 'NULL'})`, ...visible);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const page = Math.max(q.page ?? 1, 1);
  const total = db
    .prepare(`SELECT COUNT(*) FROM refusals ${clause}`)
    .pluck()
    .get(...args) as number;
  const items = db.prepare(`SELECT ${COLUMNS} FROM refusals ${clause} ORDER BY ${AT_MS} DESC, id LIMIT ? OFFSET ?`).all(...args, pageSize, (page - 1) * pageSize) as Refusal[];
  return { items, page, pageSize, total };
}
