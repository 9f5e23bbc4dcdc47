-- 0003 down: drops the sync tables.
DROP TABLE unknown_vins;
DROP TABLE refusals;
DROP TABLE live_sessions;
DROP TABLE session_events;
DROP TABLE pile_commands;
DROP TABLE pile_links;
