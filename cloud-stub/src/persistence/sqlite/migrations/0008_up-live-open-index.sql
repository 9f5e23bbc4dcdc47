-- 0008 up: what the session sync asks of its tables, indexed by just that.
-- 1. Live sessions: the open sessions of a station (the cloud's veto re-check). A partial index holds
--    only open sessions, so it stays a few pages however many sessions have closed, and closing one no
--    longer rewrites two large indexes; lookups by pile use the primary key (pile_id, session_id).
DROP INDEX live_sessions_pile;
DROP INDEX live_sessions_station;
CREATE INDEX live_sessions_open ON live_sessions(station_id) WHERE state = 'open';

-- 2. Session events held behind a gap (stored, not yet applied) are marked, so counting a pile's held
--    events reads only those instead of every event the pile ever sent.
ALTER TABLE session_events ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
UPDATE session_events SET pending = 1 WHERE kind <> 'session.refused' AND seq > COALESCE(
  (SELECT l.applied_seq FROM live_sessions l WHERE l.pile_id = session_events.pile_id AND l.session_id = session_events.session_id), 0);
CREATE INDEX session_events_pending ON session_events(pile_id) WHERE pending = 1;
