-- 0002 down (PostgreSQL)
DROP TRIGGER vd_dept ON departments;
DROP TRIGGER department_balance_range ON departments;
DROP TABLE view_dirty, view_floor, view_log, station_view, unknown_vins, disputed_sessions, refusals, session_events,
  live_sessions, session_days, sessions, ledger, pile_commands, pile_links, piles, vehicles, department_stop_passwords,
  department_stations, stations, cards, members;
DROP FUNCTION vd_stations, vd_mark_row, vd_mark_one,
  view_dirty_mark, session_amount_range, ledger_amount_range, balance_range;
