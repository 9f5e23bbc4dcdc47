-- 0004 up: the station views and the one ordered change log (cloud-stub/src/view/). station_view holds
-- what each station's piles hold now; view_log every change of it, in version order. Triggers on the
-- registry record, in the same transaction as each change, which keys may have changed (view_dirty);
-- the refresher (view/refresh.ts) turns them into log entries within a poll interval. Nothing that
-- alters a view can bypass the triggers: API, import, ledger debits and any future code alike.
CREATE TABLE station_view (
  station_id INTEGER NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  row_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (station_id, entity, key)
) WITHOUT ROWID;
CREATE INDEX station_view_key ON station_view(entity, key);

CREATE TABLE view_log (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id INTEGER NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  row_json TEXT,
  at TEXT NOT NULL
);
CREATE INDEX view_log_station ON view_log(station_id, version);

-- scope: department (its row), department-scope (row + vehicles + cards: a binding changed),
-- vehicle, card, member (its cards + the stations it administers), station, all
CREATE TABLE view_dirty (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
INSERT INTO view_dirty VALUES ('all', '');

CREATE TRIGGER vd_dept_ins AFTER INSERT ON departments BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('department', NEW.id); END;
CREATE TRIGGER vd_dept_upd AFTER UPDATE ON departments BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('department', NEW.id); END;
CREATE TRIGGER vd_dept_del AFTER DELETE ON departments BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('department-scope', OLD.id); END;
CREATE TRIGGER vd_stop_pw AFTER INSERT ON department_stop_passwords BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('department', NEW.department_id); END;
CREATE TRIGGER vd_bind_ins AFTER INSERT ON department_stations BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('department-scope', NEW.department_id); END;
CREATE TRIGGER vd_bind_del AFTER DELETE ON department_stations BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('department-scope', OLD.department_id); END;
CREATE TRIGGER vd_veh_ins AFTER INSERT ON vehicles BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('vehicle', NEW.vin); END;
CREATE TRIGGER vd_veh_upd AFTER UPDATE ON vehicles BEGIN
  INSERT OR IGNORE INTO view_dirty VALUES ('vehicle', OLD.vin);
  INSERT OR IGNORE INTO view_dirty VALUES ('vehicle', NEW.vin);
END;
CREATE TRIGGER vd_veh_del AFTER DELETE ON vehicles BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('vehicle', OLD.vin); END;
CREATE TRIGGER vd_card_ins AFTER INSERT ON cards BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('card', NEW.card_no); END;
CREATE TRIGGER vd_card_upd AFTER UPDATE ON cards BEGIN
  INSERT OR IGNORE INTO view_dirty VALUES ('card', OLD.card_no);
  INSERT OR IGNORE INTO view_dirty VALUES ('card', NEW.card_no);
END;
CREATE TRIGGER vd_card_del AFTER DELETE ON cards BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('card', OLD.card_no); END;
CREATE TRIGGER vd_member_upd AFTER UPDATE ON members BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('member', NEW.id); END;
CREATE TRIGGER vd_member_del AFTER DELETE ON members BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('member', OLD.id); END;
CREATE TRIGGER vd_station_ins AFTER INSERT ON stations BEGIN INSERT OR IGNORE INTO view_dirty VALUES ('station', NEW.id); END;
CREATE TRIGGER vd_station_upd AFTER UPDATE ON stations BEGIN
  INSERT OR IGNORE INTO view_dirty VALUES ('station', NEW.id);
  INSERT OR IGNORE INTO view_dirty SELECT 'member', OLD.admin_member_id WHERE OLD.admin_member_id IS NOT NULL;
  INSERT OR IGNORE INTO view_dirty SELECT 'member', NEW.admin_member_id WHERE NEW.admin_member_id IS NOT NULL;
END;
