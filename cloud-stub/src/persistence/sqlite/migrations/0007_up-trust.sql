-- 0007 up: the cloud trusts nothing a pile says (ingest/entitlement.ts, sync/session-events.ts).
-- 1. Each pile's maximum power per connector (W), bounding the energy a session may claim.
ALTER TABLE piles ADD COLUMN max_power_w INTEGER NOT NULL DEFAULT 400000;

-- 2. Live sessions keyed by (pile, session): one pile can never touch another pile's session.
CREATE TABLE live_sessions_new (
  pile_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
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
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'vetoed')),
  PRIMARY KEY (pile_id, session_id)
) WITHOUT ROWID;
INSERT INTO live_sessions_new SELECT pile_id, session_id, connector_id, station_id, mode, credential_kind, card_no, vin, plate, department_id,
  applied_seq, meter_start_wh, last_meter_wh, started_at, last_event_at, state FROM live_sessions;
DROP TABLE live_sessions;
ALTER TABLE live_sessions_new RENAME TO live_sessions;
CREATE INDEX live_sessions_pile ON live_sessions(pile_id, state);
CREATE INDEX live_sessions_station ON live_sessions(station_id, state);

-- 3. Sessions the cloud would not bill: visible to the operator with the reason, billed to nobody.
CREATE TABLE disputed_sessions (
  pile_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  station_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  record_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (pile_id, session_id)
) WITHOUT ROWID;
CREATE INDEX disputed_received ON disputed_sessions(received_at);

-- 4. Money stays in range in the database itself: whole fen, |amount| ≤ 10^11 per entry,
--    |balance| ≤ 10^12 (ten billion yuan). A write that would break this aborts its transaction.
CREATE TRIGGER ledger_amount_range BEFORE INSERT ON ledger
WHEN typeof(NEW.amount_fen) <> 'integer' OR NEW.amount_fen > 100000000000 OR NEW.amount_fen < -100000000000
  OR typeof(NEW.balance_after_fen) <> 'integer' OR NEW.balance_after_fen > 1000000000000 OR NEW.balance_after_fen < -1000000000000
BEGIN SELECT RAISE(ABORT, 'ledger entry out of range'); END;
CREATE TRIGGER department_balance_range BEFORE UPDATE OF balance_fen ON departments
WHEN typeof(NEW.balance_fen) <> 'integer' OR NEW.balance_fen > 1000000000000 OR NEW.balance_fen < -1000000000000
BEGIN SELECT RAISE(ABORT, 'balance out of range'); END;
CREATE TRIGGER member_balance_range BEFORE UPDATE OF balance_fen ON members
WHEN typeof(NEW.balance_fen) <> 'integer' OR NEW.balance_fen > 1000000000000 OR NEW.balance_fen < -1000000000000
BEGIN SELECT RAISE(ABORT, 'balance out of range'); END;
CREATE TRIGGER session_amount_range BEFORE INSERT ON sessions
WHEN typeof(NEW.amount_fen) <> 'integer' OR NEW.amount_fen < 0 OR NEW.amount_fen > 100000000000
  OR typeof(NEW.energy_wh) <> 'integer' OR NEW.energy_wh < 0 OR NEW.energy_wh > 100000000
BEGIN SELECT RAISE(ABORT, 'session amount out of range'); END;
