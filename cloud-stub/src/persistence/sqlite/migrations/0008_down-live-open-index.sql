-- 0008 down: the indexes of 0007 again; held events are found by their live session's applied seq.
DROP INDEX session_events_pending;
ALTER TABLE session_events DROP COLUMN pending;
DROP INDEX live_sessions_open;
CREATE INDEX live_sessions_pile ON live_sessions(pile_id, state);
CREATE INDEX live_sessions_station ON live_sessions(station_id, state);
