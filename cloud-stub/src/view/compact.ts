// Compaction of the one change log (contract page "whitelist/page": "one behind the log's compaction
// floor" gets a snapshot). Entries older than the retention are deleted, except each station's latest
// (it is the station's head, which pages and pushes are measured from); the highest deleted version per
// station becomes its floor (view_floor), below which station-pages.ts answers with a snapshot. One
// transaction: a crash leaves the log whole or compacted, never a floor without its deletion.
import type { Db } from '../persistence/sqlite/db.js';

export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** Deletes log entries before `beforeIso` (each station's latest kept); returns how many. */
export function compactViewLog(db: Db, beforeIso: string): number {
  return db.transaction((): number => {
    db.prepare(`INSERT INTO view_floor (station_id, version)
      SELECT l.station_id, max(l.version) FROM view_log l
      WHERE l.at < ? AND l.version < (SELECT max(m.version) FROM view_log m WHERE m.station_id = l.station_id)
      GROUP BY l.station_id
      ON CONFLICT (station_id) DO UPDATE SET version = max(version, excluded.version)`).run(beforeIso);
    return db.prepare('DELETE FROM view_log WHERE version <= (SELECT f.version FROM view_floor f WHERE f.station_id = view_log.station_id)').run().changes;
  })();
}

/** The station's floor: a pile holding a version below it cannot be brought up by deltas (0: none). */
export function viewFloor(db: Db, stationId: number): number {
  return (db.prepare('SELECT version FROM view_floor WHERE station_id = ?').pluck().get(stationId) as number | undefined) ?? 0;
}
