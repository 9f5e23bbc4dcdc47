-- 0001 up: the cloud registry, the money ledger and the session store.
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES departments(id),
  vin_only INTEGER NOT NULL DEFAULT 0,
  floor_fen INTEGER NOT NULL DEFAULT 0,
  balance_fen INTEGER NOT NULL DEFAULT 0,
  stop_password_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX departments_parent ON departments(parent_id);

-- every stop-password change is a new version; piles snapshot the version valid at session start
CREATE TABLE department_stop_passwords (
  department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (department_id, version)
);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'fleet')),
  department_id INTEGER REFERENCES departments(id),
  created_at TEXT NOT NULL,
  CHECK ((role = 'fleet') = (department_id IS NOT NULL))
);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_ms INTEGER NOT NULL
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('virtual', 'real')),
  name TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  balance_fen INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX members_department ON members(department_id);

CREATE TABLE cards (
  card_no TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  created_at TEXT NOT NULL
);
CREATE INDEX cards_member ON cards(member_id);

CREATE TABLE stations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  admin_member_id INTEGER REFERENCES members(id),
  fixed_password_hash TEXT,
  fixed_password_version INTEGER NOT NULL DEFAULT 0,
  tariff_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE department_stations (
  department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  station_id INTEGER NOT NULL REFERENCES stations(id),
  PRIMARY KEY (department_id, station_id)
);

CREATE TABLE piles (
  pile_id TEXT PRIMARY KEY,
  station_id INTEGER NOT NULL REFERENCES stations(id),
  connectors INTEGER NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE vehicles (
  vin TEXT PRIMARY KEY,
  plate TEXT NOT NULL UNIQUE,
  department_id INTEGER NOT NULL REFERENCES departments(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX vehicles_department ON vehicles(department_id);

-- the fund pools: one append-only ledger; balance columns are its running sums, kept in the same transaction
CREATE TABLE ledger (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('department', 'member')),
  owner_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('top-up', 'correction', 'session')),
  amount_fen INTEGER NOT NULL,
  balance_after_fen INTEGER NOT NULL,
  note TEXT,
  session_id TEXT UNIQUE,
  account_id INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX ledger_owner ON ledger(owner_kind, owner_id, id);

CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY,
  pile_id TEXT NOT NULL,
  connector_id INTEGER NOT NULL,
  station_id INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  credential_kind TEXT NOT NULL,
  card_no TEXT,
  vin TEXT,
  vin_status TEXT NOT NULL,
  plate TEXT,
  payer_kind TEXT NOT NULL,
  payer_id INTEGER NOT NULL,
  department_id INTEGER,
  reported_department_id INTEGER,
  vehicle_key TEXT NOT NULL,
  meter_start_wh INTEGER NOT NULL,
  meter_stop_wh INTEGER NOT NULL,
  energy_wh INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  stopped_at TEXT NOT NULL,
  day TEXT NOT NULL,
  stop_reason TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX sessions_started ON sessions(started_ms);
CREATE INDEX sessions_report ON sessions(department_id, day, vehicle_key, energy_wh, amount_fen);
CREATE INDEX sessions_card ON sessions(card_no, started_ms);
CREATE INDEX sessions_vin ON sessions(vin, started_ms);
