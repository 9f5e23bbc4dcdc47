-- 0006 up: the change log's compaction floor per station (view/compact.ts). Entries of view_log older
-- than the retention are deleted, never a station's latest one (its head); view_floor keeps the highest
-- deleted version per station, and a pile holding a version below it gets a snapshot instead of deltas.
CREATE TABLE view_floor (
  station_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);
