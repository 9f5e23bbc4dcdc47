// The digest of a station's view (contract page "Checking a pile's cache"): SHA-256 of the canonical
// text of station_view's (entity, key, version) rows — the same digest a pile computes over its cache.
import { createHash } from 'node:crypto';
import { viewDigestText } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';
import { refreshAllViews } from './refresh.js';

export function stationViewDigest(db: Db, stationId: number): string {
  refreshAllViews(db, new Date().toISOString());
  const rows = db.prepare('SELECT entity, key, version FROM station_view WHERE station_id = ?').iterate(stationId) as Iterable<{ entity: string; key: string; version: number }>;
  return createHash('sha256').update(viewDigestText(rows)).digest('hex');
}
