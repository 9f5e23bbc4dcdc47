// Turns the dirty marks the registry triggers wrote (migration 0004, view_dirty) into the change log:
// for each possibly changed key, the desired rows per station (view-rows.ts) are compared with
// station_view; each difference is written to station_view and appended to view_log with the next
// version, in one transaction per batch. A mark is deleted only in the transaction that logged it, so
// a crash never loses a change. Idempotent: an unchanged row logs nothing.
import type { Db } from '../persistence/sqlite/db.js';
import { cardRows, departmentRows, fixedPasswordRows, stationRows, vehicleRows, type Entity, type Rows } from './view-rows.js';

type Row = Rows extends Map<number, infer R> ? R : never;

function writer(db: Db, at: string) {
  const q = {
    holders: db.prepare('SELECT station_id AS st, row_json AS json FROM station_view WHERE entity = ? AND key = ?'),
    stationKeys: db.prepare('SELECT key, row_json AS json FROM station_view WHERE station_id = ? AND entity = ?'),
    log: db.prepare('INSERT INTO view_log (station_id, entity, key, op, row_json, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING version'),
    upsert: db.prepare('INSERT OR REPLACE INTO station_view (station_id, entity, key, row_json, version) VALUES (?, ?, ?, ?, ?)'),
    remove: db.prepare('DELETE FROM station_view WHERE station_id = ? AND entity = ? AND key = ?'),
  };
  let written = 0;
  const put = (st: number, entity: Entity, key: string, json: string) => {
    const v = q.log.pluck().get(st, entity, key, 'upsert', json, at) as number;
    q.upsert.run(st, entity, key, json, v);
    written++;
  };
  const del = (st: number, entity: Entity, key: string) => {
    q.log.pluck().get(st, entity, key, 'delete', null, at);
    q.remove.run(st, entity, key);
    written++;
  };
  return {
    /** One key of one entity across every station that holds it or should. */
    key(entity: Entity, key: string, desired: Rows): void {
      const held = new Map((q.holders.all(entity, key) as { st: number; json: string }[]).map((h) => [h.st, h.json]));
      for (const [st, row] of desired) {
        const json = JSON.stringify(row);
        if (held.get(st) !== json) put(st, entity, key, json);
      }
      for (const st of held.keys()) if (!desired.has(st)) del(st, entity, key);
    },
    /** Every key of one entity at one station (fixed passwords, whose key changes with the password). */
    stationEntity(st: number, entity: Entity, desired: Map<string, Row>): void {
      const held = new Map((q.stationKeys.all(st, entity) as { key: string; json: string }[]).map((h) => [h.key, h.json]));
      for (const [key, row] of desired) {
        const json = JSON.stringify(row);
        if (held.get(key) !== json) put(st, entity, key, json);
      }
      for (const key of held.keys()) if (!desired.has(key)) del(st, entity, key);
    },
    get written() {
      return written;
    },
  };
}

type Writer = ReturnType<typeof writer>;

function refreshMark(db: Db, w: Writer, scope: string, key: string): void {
  const id = Number(key);
  switch (scope) {
    case 'department':
      return w.key('department', key, departmentRows(db, id));
    case 'department-scope': {
      w.key('department', key, departmentRows(db, id));
      for (const vin of db.prepare('SELECT vin FROM vehicles WHERE department_id = ?').pluck().all(id) as string[]) w.key('vehicle', vin, vehicleRows(db, vin));
      const cards = db.prepare('SELECT c.card_no FROM cards c JOIN members m ON m.id = c.member_id WHERE m.department_id = ?').pluck().all(id) as string[];
      for (const card of cards) w.key('card', card, cardRows(db, card));
      // Rows still held for this department whose source moved away (e.g. the department was deleted).
      const stale = db.prepare(`SELECT DISTINCT entity, key FROM station_view WHERE entity IN ('vehicle', 'card') AND json_extract(row_json, '$.departmentId') = ?`).all(key) as {
        entity: Entity;
        key: string;
      }[];
      for (const s of stale) w.key(s.entity, s.key, s.entity === 'vehicle' ? vehicleRows(db, s.key) : cardRows(db, s.key));
      return;
    }
    case 'vehicle':
      return w.key('vehicle', key, vehicleRows(db, key));
    case 'card':
      return w.key('card', key, cardRows(db, key));
    case 'member': {
      const cards = new Set([
        ...(db.prepare('SELECT card_no FROM cards WHERE member_id = ?').pluck().all(id) as string[]),
        ...(db.prepare(`SELECT DISTINCT key FROM station_view WHERE entity = 'card' AND json_extract(row_json, '$.memberId') = ?`).pluck().all(key) as string[]),
      ]);
      for (const card of cards) w.key('card', card, cardRows(db, card));
      const stations = new Set([
        ...(db.prepare('SELECT id FROM stations WHERE admin_member_id = ?').pluck().all(id) as number[]),
        ...(db.prepare(`SELECT DISTINCT station_id FROM station_view WHERE entity = 'fixed-password' AND json_extract(row_json, '$.memberId') = ?`).pluck().all(key) as number[]),
      ]);
      for (const st of stations) w.stationEntity(st, 'fixed-password', fixedPasswordRows(db, st));
      return;
    }
    case 'station':
      w.key('station', key, stationRows(db, id));
      w.stationEntity(id, 'fixed-password', fixedPasswordRows(db, id));
      return;
  }
}

const EXPAND_ALL = `INSERT OR IGNORE INTO view_dirty (scope, key)
  SELECT 'department-scope', id FROM departments UNION ALL SELECT 'station', id FROM stations
  UNION ALL SELECT 'member', admin_member_id FROM stations WHERE admin_member_id IS NOT NULL`;

/**
 * Logs the changes behind up to `limit` dirty marks in one transaction; returns how many log rows
 * were written and whether marks remain. Call it until `more` is false (the sync's poll does).
 */
export function refreshViews(db: Db, at: string, limit = 2_000): { written: number; more: boolean } {
  return db
    .transaction(() => {
      if (db.prepare(`SELECT 1 FROM view_dirty WHERE scope = 'all'`).get()) {
        db.exec(EXPAND_ALL);
        db.prepare(`DELETE FROM view_dirty WHERE scope = 'all'`).run();
      }
      const marks = db.prepare('SELECT scope, key FROM view_dirty LIMIT ?').all(limit) as { scope: string; key: string }[];
      const w = writer(db, at);
      const done = db.prepare('DELETE FROM view_dirty WHERE scope = ? AND key = ?');
      for (const m of marks) {
        refreshMark(db, w, m.scope, String(m.key));
        done.run(m.scope, m.key);
      }
      return { written: w.written, more: marks.length === limit };
    })
    .immediate();
}

/** Refreshes until no mark remains; returns the log rows written. */
export function refreshAllViews(db: Db, at: string): number {
  let total = 0;
  for (;;) {
    const r = refreshViews(db, at);
    total += r.written;
    if (!r.more) return total;
  }
}
