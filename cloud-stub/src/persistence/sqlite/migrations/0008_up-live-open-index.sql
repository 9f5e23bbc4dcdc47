-- 0008 up: live sessions indexed by what is asked of them — the open sessions of a station (the
-- cloud's veto re-check). A partial index holds only open sessions, so it stays a few pages however
-- many sessions have closed, and closing one no longer rewrites two large indexes; lookups by pile
-- use the primary key (pile_id, session_id).
DROP INDEX live_sessions_pile;
DROP INDEX live_sessions_station;
CREATE INDEX live_sessions_open ON live_sessions(station_id) WHERE state = 'open';
