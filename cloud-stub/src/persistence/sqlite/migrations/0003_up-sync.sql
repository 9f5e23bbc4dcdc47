-- 0003 up: what the MQTT sync keeps (pile-agent/docs/mqtt-contract.md): each pile's link state and
-- acknowledged whitelist version, commands to piles and their outcome, every session event applied
-- once by (pile, session, seq), the sessions still running, refused attempts, and VINs read at piles
-- that the registry does not know.
CREATE TABLE pile_links (
  pile_id TEXT PRIMARY KEY REFERENCES piles(pile_id) ON DELETE CASCADE,
  online INTEGER NOT NULL DEFAULT 0,
  last_seen_at TEXT,
  whitelist_version INTEGER NOT NULL DEFAULT 0, -- the version the pile acknowledged
  agent_version TEXT,
  clock_skew_ms INTEGER,                          -- pile clock minus cloud clock at its last hello/status
  outbox_depth INTEGER,
  outbox_oldest_at TEXT
);

CREATE TABLE pile_commands (
  command_id TEXT PRIMARY KEY,
  pile_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('stop', 'sync')),
  connector_id INTEGER,
  reason TEXT NOT NULL,                           -- remote | cloud-veto | sync
  session_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('sent', 'acknowledged', 'failed', 'expired')),
  detail TEXT,
  account_id INTEGER,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX pile_commands_pile ON pile_commands(pile_id, created_at);
CREATE INDEX pile_commands_open ON pile_commands(state, expires_at);

CREATE TABLE session_events (
  pile_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  data_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (pile_id, session_id, seq)
) WITHOUT ROWID;

CREATE TABLE live_sessions (
  session_id TEXT PRIMARY KEY,
  pile_id TEXT NOT NULL,
  connector_id INTEGER NOT NULL,
  station_id INTEGER NOT NULL,
  mode INTEGER,
  credential_kind TEXT,
  card_no TEXT,
  vin TEXT,
  plate TEXT,
  department_id INTEGER,
  applied_seq INTEGER NOT NULL,                   -- events 1..applied_seq are applied, in order
  meter_start_wh INTEGER,
  last_meter_wh INTEGER,
  started_at TEXT NOT NULL,
  last_event_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'vetoed'))
);
CREATE INDEX live_sessions_pile ON live_sessions(pile_id, state);

CREATE TABLE refusals (
  id TEXT PRIMARY KEY,                            -- the attempt id (session.refused) or the session id (refused at the VIN)
  pile_id TEXT NOT NULL,
  connector_id INTEGER NOT NULL,
  station_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  credential_kind TEXT NOT NULL,
  card_no TEXT,
  vin TEXT,
  vin_status TEXT,
  reason TEXT NOT NULL,
  mode INTEGER,
  department_id INTEGER,
  received_at TEXT NOT NULL
);
CREATE INDEX refusals_at ON refusals(at);

CREATE TABLE unknown_vins (
  vin TEXT NOT NULL,
  station_id INTEGER NOT NULL,
  pile_id TEXT NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  count INTEGER NOT NULL,
  last_outcome TEXT NOT NULL CHECK (last_outcome IN ('charged-unattributed', 'refused')),
  PRIMARY KEY (vin, station_id, pile_id)
) WITHOUT ROWID;
