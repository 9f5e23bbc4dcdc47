-- 0001 up: the whitelist cache (persistence/sqlite/whitelist.repo.ts, domain/authorization/whitelist.types.ts).
-- Rows keep the change-log version they came from; whitelist_meta holds the version of the cache.
-- No foreign keys between these tables on purpose: the cache is a projection the cloud keeps
-- consistent, a page must not fail on the order of its changes, and the decision treats a missing
-- department as `department-unknown`. Primary keys give O(log n) lookups; WITHOUT ROWID avoids a
-- second index per table (smaller file and page cache).
CREATE TABLE whitelist_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 0)
) STRICT;
INSERT INTO whitelist_meta (id, version) VALUES (1, 0);

CREATE TABLE wl_department (
  id TEXT PRIMARY KEY NOT NULL,
  parent_id TEXT,
  name TEXT NOT NULL,
  vin_only INTEGER NOT NULL CHECK (vin_only IN (0, 1)),
  can_pay INTEGER NOT NULL CHECK (can_pay IN (0, 1)),
  bound_here INTEGER NOT NULL CHECK (bound_here IN (0, 1)),
  stop_password_hash TEXT,
  stop_password_version INTEGER NOT NULL CHECK (stop_password_version >= 0),
  offline_allowed INTEGER NOT NULL CHECK (offline_allowed IN (0, 1)),
  version INTEGER NOT NULL CHECK (version >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE wl_vehicle (
  vin TEXT PRIMARY KEY NOT NULL CHECK (length(vin) = 17),
  plate TEXT NOT NULL,
  plate_key TEXT NOT NULL, -- plateSearchKey(plate): upper case, no spaces/dots/hyphens
  department_id TEXT,
  version INTEGER NOT NULL CHECK (version >= 0)
) STRICT, WITHOUT ROWID;
-- Walked in plate order by the console's substring search; covers plate_key (and vin, the key).
CREATE INDEX wl_vehicle_by_plate ON wl_vehicle (plate, plate_key);

CREATE TABLE wl_card (
  card_no TEXT PRIMARY KEY NOT NULL,
  member_id TEXT NOT NULL,
  member_name TEXT NOT NULL,
  member_kind TEXT NOT NULL CHECK (member_kind IN ('virtual', 'real')),
  department_id TEXT,
  station_admin INTEGER NOT NULL CHECK (station_admin IN (0, 1)),
  member_can_pay INTEGER NOT NULL CHECK (member_can_pay IN (0, 1)),
  offline_allowed INTEGER NOT NULL CHECK (offline_allowed IN (0, 1)),
  version INTEGER NOT NULL CHECK (version >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE wl_fixed_password (
  id TEXT PRIMARY KEY NOT NULL,
  hash TEXT NOT NULL,
  member_id TEXT NOT NULL,
  member_name TEXT NOT NULL,
  member_can_pay INTEGER NOT NULL CHECK (member_can_pay IN (0, 1)),
  version INTEGER NOT NULL CHECK (version >= 0)
) STRICT, WITHOUT ROWID;
