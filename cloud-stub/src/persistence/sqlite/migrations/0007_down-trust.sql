-- 0007 down: drops the range triggers and the disputed sessions (their records are lost: back up
-- first), keys live sessions by session id again, and forgets each pile's maximum power.
DROP TRIGGER session_amount_range;
DROP TRIGGER member_balance_range;
DROP TRIGGER department_balance_range;
DROP TRIGGER ledger_amount_range;
DROP TABLE disputed_sessions;
CREATE TABLE live_sessions_old (
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
  applied_seq INTEGER NOT NULL,
  meter_start_wh INTEGER,
  last_meter_wh INTEGER,
  started_at TEXT NOT NULL,
  last_event_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'vetoed'))
);
INSERT OR IGNORE INTO live_sessions_old SELECT session_id, pile_id, connector_id, station_id, mode, credential_kind, card_no, vin, plate, department_id,
  applied_seq, meter_start_wh, last_meter_wh, started_at, last_event_at, state FROM live_sessions;
DROP TABLE live_sessions;
ALTER TABLE live_sessions_old RENAME TO live_sessions;
CREATE INDEX live_sessions_pile ON live_sessions(pile_id, state);
ALTER TABLE piles DROP COLUMN max_power_w;
