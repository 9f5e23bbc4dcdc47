-- 0010 down: a new station marks only itself again.
DROP TRIGGER vd_station_ins;
CREATE TRIGGER vd_station_ins AFTER INSERT ON stations BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('station', NEW.id); END;
