-- 0002 up: a per-day, per-vehicle rollup of sessions, kept by the session insert in the same
-- transaction (sessions are immutable once ingested), so the company report reads vehicles × days
-- rows instead of grouping every session. department_id 0 = unattributed.
CREATE TABLE session_days (
  department_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  vehicle_key TEXT NOT NULL,
  vin TEXT,
  plate TEXT,
  card_no TEXT,
  sessions INTEGER NOT NULL,
  energy_wh INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (department_id, day, vehicle_key)
) WITHOUT ROWID;

INSERT INTO session_days (department_id, day, vehicle_key, vin, plate, card_no, sessions, energy_wh, amount_fen)
SELECT COALESCE(department_id, 0), day, vehicle_key,
       CASE WHEN vehicle_key LIKE 'plate:%' OR vehicle_key LIKE 'card:%' OR vehicle_key = 'unknown' THEN NULL ELSE vehicle_key END,
       MAX(plate),
       CASE WHEN vehicle_key LIKE 'card:%' THEN substr(vehicle_key, 6) ELSE NULL END,
       COUNT(*), SUM(energy_wh), SUM(amount_fen)
FROM sessions GROUP BY COALESCE(department_id, 0), day, vehicle_key;

DROP INDEX sessions_report;
CREATE INDEX sessions_department ON sessions(department_id, day);
