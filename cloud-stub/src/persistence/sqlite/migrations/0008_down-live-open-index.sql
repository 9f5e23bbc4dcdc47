-- 0008 down: the indexes of 0007 again.
DROP INDEX live_sessions_open;
CREATE INDEX live_sessions_pile ON live_sessions(pile_id, state);
CREATE INDEX live_sessions_station ON live_sessions(station_id, state);
