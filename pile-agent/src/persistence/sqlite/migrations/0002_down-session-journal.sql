-- 0002 down: removes the session journal and the outbox (their records are lost: back up first).
DROP TABLE outbox;
DROP TABLE session_event;
DROP INDEX session_by_start;
DROP INDEX session_open;
DROP TABLE session;
