// Prepared statements cached per database and SQL text, for the hot paths (session ingest, the sync's
// event handling, the ledger): preparing a statement costs more than running it. Returned with
// pluck off, so each caller sets the mode it needs.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function prep(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st.reader ? st.pluck(false) : st;
}
