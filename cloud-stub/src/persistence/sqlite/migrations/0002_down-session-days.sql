-- 0002 down: back to grouping the sessions table directly.
DROP INDEX sessions_department;
CREATE INDEX sessions_report ON sessions(department_id, day, vehicle_key, energy_wh, amount_fen);
DROP TABLE session_days;
