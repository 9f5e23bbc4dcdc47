// The pages that bring a pile from the version it holds to its station's head (StationViewApi,
// contract page "whitelist/page"): delta pages chained from view_log, or — for a new pile, one that
// claims a version the cloud never issued, one behind the log's compaction floor (compact.ts), or one
// with more changes pending than its view has rows —
// a snapshot of station_view in parts, read in one transaction. Every read first folds pending dirty
// marks into the log (refresh.ts), so what is committed is what is served.
import { randomUUID } from 'node:crypto';
import type { WhitelistChange, WhitelistPage } from '../../../pile-agent/contract.js';
import type { StationPageTexts } from './station-view.api.js';
import type { Db } from '../persistence/sqlite/db.js';
import { viewFloor } from './compact.js';
import { refreshAllViews } from './refresh.js';
import type { StationViewApi } from './station-view.api.js';

const DEFAULT_PAGE = 1_000;
const now = () => new Date().toISOString();

type LogRow = { version: number; entity: WhitelistChange['entity']; key: string; op: 'upsert' | 'delete'; json: string | null };

function head(db: Db, stationId: number): number {
  return (db.prepare('SELECT max(version) FROM view_log WHERE station_id = ?').pluck().get(stationId) as number | null) ?? 0;
}

/** One change as JSON text, the stored row spliced in unparsed (a snapshot of 200k rows stays cheap). */
const changeText = (r: LogRow): string => `{"entity":${JSON.stringify(r.entity)},"op":"${r.op}","key":${JSON.stringify(r.key)},"version":${r.version}${r.op === 'upsert' ? `,"row":${r.json}` : ''}}`;

/**
 * The change texts of each snapshot part, built once per station head and page size and reused for
 * every pile that needs them (piles of one station, repeated requests): a hundred requests cost one
 * read of station_view. Each send still gets its own snapshotId. A few stations per database.
 */
const snapshotCache = new WeakMap<Db, Map<number, { head: number; pageSize: number; parts: string[] }>>();
const CACHED_STATIONS = 16;

function snapshotParts(db: Db, stationId: number, h: number, pageSize: number): string[] {
  let byStation = snapshotCache.get(db);
  if (!byStation) snapshotCache.set(db, (byStation = new Map()));
  const hit = byStation.get(stationId);
  if (hit && hit.head === h && hit.pageSize === pageSize) return hit.parts;
  const rows = db.prepare('SELECT version, entity, key, row_json AS json FROM station_view WHERE station_id = ? ORDER BY version').all(stationId) as Omit<LogRow, 'op'>[];
  const count = Math.max(1, Math.ceil(rows.length / pageSize));
  const parts: string[] = [];
  for (let p = 0; p < count; p++)
    parts.push(
      rows
        .slice(p * pageSize, (p + 1) * pageSize)
        .map((r) => changeText({ ...r, op: 'upsert' }))
        .join(','),
    );
  byStation.delete(stationId);
  byStation.set(stationId, { head: h, pageSize, parts });
  if (byStation.size > CACHED_STATIONS) byStation.delete(byStation.keys().next().value as number);
  return parts;
}

function snapshot(db: Db, stationId: number, pageSize: number): StationPageTexts {
  return db.transaction((): StationPageTexts => {
    const h = head(db, stationId);
    const parts = snapshotParts(db, stationId, h, pageSize);
    const snapshotId = randomUUID();
    const texts = parts.map((changes, p) => `{"kind":"snapshot","toVersion":${h},"snapshotId":"${snapshotId}","part":${p + 1},"parts":${parts.length},"changes":[${changes}]}`);
    return { mode: 'snapshot', head: h, texts };
  })();
}

function deltas(db: Db, stationId: number, fromVersion: number, h: number, pageSize: number): StationPageTexts {
  const q = db.prepare('SELECT version, entity, key, op, row_json AS json FROM view_log WHERE station_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT ?');
  const texts: string[] = [];
  let from = fromVersion;
  for (;;) {
    const rows = q.all(stationId, from, h, pageSize) as LogRow[];
    const to = rows.length === pageSize ? rows[rows.length - 1].version : h;
    texts.push(`{"kind":"delta","fromVersion":${from},"toVersion":${to},"changes":[${rows.map(changeText).join(',')}]}`);
    if (to >= h) return { mode: 'delta', head: h, texts };
    from = to;
  }
}

export function pageTextsSince(db: Db, stationId: number, fromVersion: number, opts: { pageSize?: number } = {}): StationPageTexts {
  const pageSize = opts.pageSize ?? DEFAULT_PAGE;
  refreshAllViews(db, now());
  return db.transaction((): StationPageTexts => {
    const h = head(db, stationId);
    if (fromVersion === 0 || fromVersion > h || fromVersion < viewFloor(db, stationId)) return snapshot(db, stationId, pageSize);
    const pending = db.prepare('SELECT count(*) FROM view_log WHERE station_id = ? AND version > ?').pluck().get(stationId, fromVersion) as number;
    const size = db.prepare('SELECT count(*) FROM station_view WHERE station_id = ?').pluck().get(stationId) as number;
    if (pending > Math.max(size, pageSize)) return snapshot(db, stationId, pageSize);
    return deltas(db, stationId, fromVersion, h, pageSize);
  })();
}

export const stationViews: StationViewApi = {
  stationHead(db, stationId) {
    refreshAllViews(db, now());
    return head(db, stationId);
  },

  pagesSince(db, stationId, fromVersion, opts = {}) {
    const t = pageTextsSince(db, stationId, fromVersion, opts);
    return { mode: t.mode, head: t.head, pages: t.texts.map((x) => JSON.parse(x) as WhitelistPage) };
  },

  pageTextsSince,

  logHead(db) {
    refreshAllViews(db, now());
    return (db.prepare('SELECT max(version) FROM view_log').pluck().get() as number | null) ?? 0;
  },

  stationsChangedSince(db, since) {
    return db.prepare('SELECT station_id AS stationId, max(version) AS head FROM view_log WHERE version > ? GROUP BY station_id').all(since) as { stationId: number; head: number }[];
  },
};
