-- 0003 up: this pile's station in the whitelist cache (entity `station` of the wire contract): its
-- name and tariff, for the cost shown while charging. One row (the pile's own station).
CREATE TABLE wl_station (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  tariff_json TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
