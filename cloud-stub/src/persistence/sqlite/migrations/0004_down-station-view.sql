-- 0004 down: drops the station views, the change log and their triggers.
DROP TRIGGER vd_dept_ins; DROP TRIGGER vd_dept_upd; DROP TRIGGER vd_dept_del; DROP TRIGGER vd_stop_pw;
DROP TRIGGER vd_bind_ins; DROP TRIGGER vd_bind_del; DROP TRIGGER vd_veh_ins; DROP TRIGGER vd_veh_upd; DROP TRIGGER vd_veh_del;
DROP TRIGGER vd_card_ins; DROP TRIGGER vd_card_upd; DROP TRIGGER vd_card_del; DROP TRIGGER vd_member_upd; DROP TRIGGER vd_member_del;
DROP TRIGGER vd_station_ins; DROP TRIGGER vd_station_upd;
DROP TABLE view_dirty;
DROP TABLE view_log;
DROP TABLE station_view;
