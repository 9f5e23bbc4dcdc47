// The pages that bring a pile from the version it holds to its station's head (StationViewApi,
// contract page "whitelist/page"): delta pages chained from view_log, or — for a new pile, one that
// claims a version the cloud never issued, or one with more changes pending than its view has rows —
// a snapshot of station_view in parts, read in one transaction. Every read first folds pending dirty
// marks into the log (refresh.ts), so what is committed is what is served.
import { randomUUID } from 'node:crypto';
import type { WhitelistChange, WhitelistPage } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';
import { refreshAllViews } from './refresh.js';
import type { StationPages, StationViewApi } from './station-view.api.js';

const DEFAULT_PAGE = 1_000;
const now = () => new Date().toISOString();

type LogRow = { version: number; entity: WhitelistChange['entity']; key: string; op: 'upsert' | 'delete'; json: string | null };

function head(db: Db, stationId: number): number {
  return (db.prepare('SELECT max(version) FROM view_log WHERE station_id = ?').pluck().get(stationId) as number | null) ?? 0;
}

const changeOf = (r: LogRow): WhitelistChange =>
  (r.op === 'delete' ? { entity: r.entity, op: 'delete', key: r.key, version: r.version } : { entity: r.entity, op: 'upsert', key: r.key, version: r.version, row: JSON.parse(r.json!) }) as WhitelistChange;

function snapshot(db: Db, stationId: number, pageSize: number): StationPages {
  return db.transaction((): StationPages => {
    const h = head(db, stationId);
    const rows = db.prepare('SELECT version, entity, key, row_json AS json FROM station_view WHERE station_id = ? ORDER BY version').all(stationId) as Omit<LogRow, 'op'>[];
    const parts = Math.max(1, Math.ceil(rows.length / pageSize));
    const snapshotId = randomUUID();
    const pages: WhitelistPage[] = [];
    for (let p = 0; p < parts; p++) {
      const changes = rows.slice(p * pageSize, (p + 1) * pageSize).map((r) => changeOf({ ...r, op: 'upsert' }));
      pages.push({ kind: 'snapshot', toVersion: h, snapshotId, part: p + 1, parts, changes });
    }
    return { mode: 'snapshot', head: h, pages };
  })();
}

function deltas(db: Db, stationId: number, fromVersion: number, h: number, pageSize: number): StationPages {
  const q = db.prepare('SELECT version, entity, key, op, row_json AS json FROM view_log WHERE station_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT ?');
  const pages: WhitelistPage[] = [];
  let from = fromVersion;
  for (;;) {
    const rows = q.all(stationId, from, h, pageSize) as LogRow[];
    const to = rows.length === pageSize ? rows[rows.length - 1].version : h;
    pages.push({ kind: 'delta', fromVersion: from, toVersion: to, changes: rows.map(changeOf) });
    if (to >= h) return { mode: 'delta', head: h, pages };
    from = to;
  }
}

export const stationViews: StationViewApi = {
  stationHead(db, stationId) {
    refreshAllViews(db, now());
    return head(db, stationId);
  },

  pagesSince(db, stationId, fromVersion, opts = {}) {
    const pageSize = opts.pageSize ?? DEFAULT_PAGE;
    refreshAllViews(db, now());
    return db.transaction((): StationPages => {
      const h = head(db, stationId);
      if (fromVersion === 0 || fromVersion > h) return snapshot(db, stationId, pageSize);
      const pending = db.prepare('SELECT count(*) FROM view_log WHERE station_id = ? AND version > ?').pluck().get(stationId, fromVersion) as number;
      const size = db.prepare('SELECT count(*) FROM station_view WHERE station_id = ?').pluck().get(stationId) as number;
      if (pending > Math.max(size, pageSize)) return snapshot(db, stationId, pageSize);
      return deltas(db, stationId, fromVersion, h, pageSize);
    })();
  },

  logHead(db) {
    refreshAllViews(db, now());
    return (db.prepare('SELECT max(version) FROM view_log').pluck().get() as number | null) ?? 0;
  },

  stationsChangedSince(db, since) {
    return db.prepare('SELECT station_id AS stationId, max(version) AS head FROM view_log WHERE version > ? GROUP BY station_id').all(since) as { stationId: number; head: number }[];
  },
};
