-- 0010 up: a station created with an administrator marks that member dirty, so the administrator's
-- cards reach the new station's view (before, only a later change of administrator did; a member whose
-- cards were folded into the log before the station existed never reached it). Every view is then
-- re-derived once, which heals stations created that way.
DROP TRIGGER vd_station_ins;
CREATE TRIGGER vd_station_ins AFTER INSERT ON stations BEGIN
  INSERT OR IGNORE INTO view_dirty VALUES ('station', NEW.id);
  INSERT OR IGNORE INTO view_dirty SELECT 'member', NEW.admin_member_id WHERE NEW.admin_member_id IS NOT NULL;
END;
INSERT OR IGNORE INTO view_dirty VALUES ('all', '');
