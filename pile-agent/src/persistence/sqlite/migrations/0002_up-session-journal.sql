-- 0002 up: the session journal and the outbox (persistence/sqlite/journal.repo.ts, outbox.repo.ts;
-- domain/session/journal.repo.ts). Every session event is a numbered row written, together with its
-- outbox record, in one transaction BEFORE the agent acts on it (docs/charging-modes.md rule 6). A session row
-- stays 'open' until its 'stopped' event; after a power cut the agent closes open rows from
-- last_meter_wh with reason 'power-loss'. The outbox keeps records until the cloud acknowledges them.
CREATE TABLE session (
  id TEXT PRIMARY KEY NOT NULL,                 -- UUID
  connector_id INTEGER NOT NULL CHECK (connector_id BETWEEN 1 AND 16),
  pile_id TEXT NOT NULL,
  station_id INTEGER NOT NULL,
  mode INTEGER NOT NULL CHECK (mode BETWEEN 1 AND 4),
  credential_kind TEXT NOT NULL CHECK (credential_kind IN ('card', 'remote', 'fixed-password', 'vin-button')),
  card_no TEXT,
  member_id TEXT,
  credential_department_id TEXT,
  payer TEXT,                                   -- JSON authorize.types Payer, null until known (mode 4: at VIN)
  attribution TEXT,                             -- JSON authorize.types Attribution
  stop_by TEXT NOT NULL,                        -- JSON StopCredential[] (mode 4: the stop-password hash snapshot)
  vin TEXT,
  vin_status TEXT CHECK (vin_status IN ('valid', 'bad-check-digit', 'absent', 'malformed')),
  plate TEXT,
  meter_start_wh INTEGER NOT NULL CHECK (meter_start_wh >= 0),
  last_meter_wh INTEGER NOT NULL CHECK (last_meter_wh >= 0),
  last_meter_at TEXT NOT NULL,                  -- ISO 8601 UTC
  meter_stop_wh INTEGER CHECK (meter_stop_wh IS NULL OR meter_stop_wh >= meter_start_wh),
  started_at TEXT NOT NULL,
  stopped_at TEXT,
  stop_reason TEXT,
  stop_detail TEXT,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  next_seq INTEGER NOT NULL CHECK (next_seq >= 1)
) STRICT;
CREATE INDEX session_open ON session (state) WHERE state = 'open';
CREATE INDEX session_by_start ON session (started_at);

CREATE TABLE session_event (
  session_id TEXT NOT NULL REFERENCES session (id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('started', 'vin', 'charging', 'meter', 'stop-requested', 'stopped')),
  at TEXT NOT NULL,
  data TEXT NOT NULL,                           -- JSON
  PRIMARY KEY (session_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE outbox (
  pos INTEGER PRIMARY KEY,                      -- delivery order (rowid: always above every remaining row)
  key TEXT NOT NULL UNIQUE,                     -- idempotency key `sessionId:seq`
  kind TEXT NOT NULL,                           -- `session.<event kind>`
  payload TEXT NOT NULL,                        -- JSON
  created_at TEXT NOT NULL
) STRICT;
