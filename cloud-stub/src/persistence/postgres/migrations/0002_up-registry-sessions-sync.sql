-- 0002 up (PostgreSQL): every other table of the cloud, as the SQLite schema has them after its
-- migration 0010 — the registry (members, cards, stations, bindings, stop passwords, vehicles, piles),
-- the money ledger, sessions and their day rollup, the sync's tables (live sessions, session events,
-- pile links and commands, refusals, disputes, unknown VINs) and the station views (view, log, floor,
-- dirty marks). SQLite's INTEGER is BIGINT here (read back as numbers); flags stay 0/1 integers so rows
-- read the same on both engines. The triggers do what the SQLite ones do: range guards on money
-- ('… out of range', which the services recognise) and the view's dirty marks (keys as text).
-- The schema parity test (test/store/schema-parity.int.test.ts) compares both engines.

CREATE TABLE members (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('virtual', 'real')),
  name TEXT NOT NULL,
  department_id BIGINT REFERENCES departments(id),
  balance_fen BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX members_department ON members(department_id);

CREATE TABLE cards (
  card_no TEXT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members(id),
  created_at TEXT NOT NULL
);
CREATE INDEX cards_member ON cards(member_id);

CREATE TABLE stations (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  admin_member_id BIGINT REFERENCES members(id),
  fixed_password_hash TEXT,
  fixed_password_version BIGINT NOT NULL DEFAULT 0,
  tariff_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE department_stations (
  department_id BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  station_id BIGINT NOT NULL REFERENCES stations(id),
  PRIMARY KEY (department_id, station_id)
);

CREATE TABLE department_stop_passwords (
  department_id BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  version BIGINT NOT NULL,
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (department_id, version)
);

CREATE TABLE vehicles (
  vin TEXT PRIMARY KEY,
  plate TEXT NOT NULL UNIQUE,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX vehicles_department ON vehicles(department_id);

CREATE TABLE piles (
  pile_id TEXT PRIMARY KEY,
  station_id BIGINT NOT NULL REFERENCES stations(id),
  connectors BIGINT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  broker_hash TEXT,
  max_power_w BIGINT NOT NULL DEFAULT 400000
);

CREATE TABLE pile_links (
  pile_id TEXT PRIMARY KEY REFERENCES piles(pile_id) ON DELETE CASCADE,
  online BIGINT NOT NULL DEFAULT 0,
  last_seen_at TEXT,
  whitelist_version BIGINT NOT NULL DEFAULT 0,
  agent_version TEXT,
  clock_skew_ms BIGINT,
  outbox_depth BIGINT,
  outbox_oldest_at TEXT
);

CREATE TABLE pile_commands (
  command_id TEXT PRIMARY KEY,
  pile_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('stop', 'sync')),
  connector_id BIGINT,
  reason TEXT NOT NULL,
  session_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('sent', 'acknowledged', 'failed', 'expired')),
  detail TEXT,
  account_id BIGINT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX pile_commands_open ON pile_commands(state, expires_at);
CREATE INDEX pile_commands_pile ON pile_commands(pile_id, created_at);

CREATE TABLE ledger (
  id BIGSERIAL PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('department', 'member')),
  owner_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('top-up', 'correction', 'session')),
  amount_fen BIGINT NOT NULL,
  balance_after_fen BIGINT NOT NULL,
  note TEXT,
  session_id TEXT UNIQUE,
  account_id BIGINT,
  created_at TEXT NOT NULL
);
CREATE INDEX ledger_owner ON ledger(owner_kind, owner_id, id);

CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY,
  pile_id TEXT NOT NULL,
  connector_id BIGINT NOT NULL,
  station_id BIGINT NOT NULL,
  mode BIGINT NOT NULL,
  credential_kind TEXT NOT NULL,
  card_no TEXT,
  vin TEXT,
  vin_status TEXT NOT NULL,
  plate TEXT,
  payer_kind TEXT NOT NULL,
  payer_id BIGINT NOT NULL,
  department_id BIGINT,
  reported_department_id BIGINT,
  vehicle_key TEXT NOT NULL,
  meter_start_wh BIGINT NOT NULL,
  meter_stop_wh BIGINT NOT NULL,
  energy_wh BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  billed BIGINT NOT NULL,
  started_at TEXT NOT NULL,
  started_ms BIGINT NOT NULL,
  stopped_at TEXT NOT NULL,
  day TEXT NOT NULL,
  stop_reason TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX sessions_card ON sessions(card_no, started_ms);
CREATE INDEX sessions_department ON sessions(department_id, day);
CREATE INDEX sessions_started ON sessions(started_ms);
CREATE INDEX sessions_vin ON sessions(vin, started_ms);

CREATE TABLE session_days (
  department_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  vehicle_key TEXT NOT NULL,
  vin TEXT,
  plate TEXT,
  card_no TEXT,
  sessions BIGINT NOT NULL,
  energy_wh BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (department_id, day, vehicle_key)
);

CREATE TABLE live_sessions (
  pile_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  connector_id BIGINT NOT NULL,
  station_id BIGINT NOT NULL,
  mode BIGINT,
  credential_kind TEXT,
  card_no TEXT,
  vin TEXT,
  plate TEXT,
  department_id BIGINT,
  applied_seq BIGINT NOT NULL,
  meter_start_wh BIGINT,
  last_meter_wh BIGINT,
  started_at TEXT NOT NULL,
  last_event_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'vetoed')),
  PRIMARY KEY (pile_id, session_id)
);
CREATE INDEX live_sessions_open ON live_sessions(station_id) WHERE state = 'open';

CREATE TABLE session_events (
  pile_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  data_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  pending BIGINT NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
  PRIMARY KEY (pile_id, session_id, seq)
);
CREATE INDEX session_events_pending ON session_events(pile_id) WHERE pending = 1;

CREATE TABLE refusals (
  id TEXT PRIMARY KEY,
  pile_id TEXT NOT NULL,
  connector_id BIGINT NOT NULL,
  station_id BIGINT NOT NULL,
  at TEXT NOT NULL,
  credential_kind TEXT NOT NULL,
  card_no TEXT,
  vin TEXT,
  vin_status TEXT,
  reason TEXT NOT NULL,
  mode BIGINT,
  department_id BIGINT,
  received_at TEXT NOT NULL
);
CREATE INDEX refusals_at ON refusals(at);

CREATE TABLE disputed_sessions (
  pile_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  station_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  record_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (pile_id, session_id)
);
CREATE INDEX disputed_received ON disputed_sessions(received_at);

CREATE TABLE unknown_vins (
  vin TEXT NOT NULL,
  station_id BIGINT NOT NULL,
  pile_id TEXT NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  count BIGINT NOT NULL,
  last_outcome TEXT NOT NULL CHECK (last_outcome IN ('charged-unattributed', 'refused')),
  PRIMARY KEY (vin, station_id, pile_id)
);

CREATE TABLE station_view (
  station_id BIGINT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  row_json TEXT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (station_id, entity, key)
);
CREATE INDEX station_view_key ON station_view(entity, key);

CREATE TABLE view_log (
  version BIGSERIAL PRIMARY KEY,
  station_id BIGINT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  row_json TEXT,
  at TEXT NOT NULL
);
CREATE INDEX view_log_station ON view_log(station_id, version);

CREATE TABLE view_floor (
  station_id BIGINT PRIMARY KEY,
  version BIGINT NOT NULL
);

CREATE TABLE view_dirty (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);

-- Money range guards (SQLite migration 0007).
CREATE FUNCTION balance_range() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.balance_fen > 1000000000000 OR NEW.balance_fen < -1000000000000 THEN RAISE EXCEPTION 'balance out of range'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER department_balance_range BEFORE UPDATE OF balance_fen ON departments FOR EACH ROW EXECUTE FUNCTION balance_range();
CREATE TRIGGER member_balance_range BEFORE UPDATE OF balance_fen ON members FOR EACH ROW EXECUTE FUNCTION balance_range();

CREATE FUNCTION ledger_amount_range() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount_fen > 100000000000 OR NEW.amount_fen < -100000000000 OR NEW.balance_after_fen > 1000000000000 OR NEW.balance_after_fen < -1000000000000 THEN
    RAISE EXCEPTION 'ledger entry out of range';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_amount_range BEFORE INSERT ON ledger FOR EACH ROW EXECUTE FUNCTION ledger_amount_range();

CREATE FUNCTION session_amount_range() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount_fen < 0 OR NEW.amount_fen > 100000000000 OR NEW.energy_wh < 0 OR NEW.energy_wh > 100000000 THEN RAISE EXCEPTION 'session amount out of range'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER session_amount_range BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION session_amount_range();

-- The station views' dirty marks (SQLite migrations 0004 and 0010): what a change touched.
CREATE FUNCTION view_dirty_mark(s TEXT, k TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO view_dirty (scope, key) VALUES (s, k) ON CONFLICT DO NOTHING
$$;

-- Departments, bindings, stop passwords, members: the row's column (argument 3) marked under one
-- scope when a row is written (argument 1) and under another when it is deleted (argument 2).
CREATE FUNCTION vd_mark_one() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM view_dirty_mark(TG_ARGV[1], to_jsonb(OLD) ->> TG_ARGV[2]); ELSE PERFORM view_dirty_mark(TG_ARGV[0], to_jsonb(NEW) ->> TG_ARGV[2]); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER vd_dept AFTER INSERT OR UPDATE OR DELETE ON departments FOR EACH ROW EXECUTE FUNCTION vd_mark_one('department', 'department-scope', 'id');
CREATE TRIGGER vd_bind AFTER INSERT OR DELETE ON department_stations FOR EACH ROW EXECUTE FUNCTION vd_mark_one('department-scope', 'department-scope', 'department_id');
CREATE TRIGGER vd_stop_pw AFTER INSERT ON department_stop_passwords FOR EACH ROW EXECUTE FUNCTION vd_mark_one('department', 'department', 'department_id');
CREATE TRIGGER vd_member AFTER UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION vd_mark_one('member', 'member', 'id');

-- Cards and vehicles: the row's key column (trigger argument 2) marked under a scope (argument 1),
-- before and after the change.
CREATE FUNCTION vd_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM view_dirty_mark(TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM view_dirty_mark(TG_ARGV[0], to_jsonb(NEW) ->> TG_ARGV[1]); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER vd_card AFTER INSERT OR UPDATE OR DELETE ON cards FOR EACH ROW EXECUTE FUNCTION vd_mark_row('card', 'card_no');
CREATE TRIGGER vd_veh AFTER INSERT OR UPDATE OR DELETE ON vehicles FOR EACH ROW EXECUTE FUNCTION vd_mark_row('vehicle', 'vin');

CREATE FUNCTION vd_stations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM view_dirty_mark('station', NEW.id::text);
  IF TG_OP = 'UPDATE' AND OLD.admin_member_id IS NOT NULL THEN PERFORM view_dirty_mark('member', OLD.admin_member_id::text); END IF;
  IF NEW.admin_member_id IS NOT NULL THEN PERFORM view_dirty_mark('member', NEW.admin_member_id::text); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER vd_station AFTER INSERT OR UPDATE ON stations FOR EACH ROW EXECUTE FUNCTION vd_stations();
