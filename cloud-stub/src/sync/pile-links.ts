// Each pile's link state as the cloud knows it (pile_links): online, last seen, the whitelist version
// it acknowledged, its agent version, clock skew and outbox depth. Written by the hello, status and
// whitelist/ack handlers; read by the pusher and GET /api/v1/piles.
import { prep } from '../persistence/sqlite/statements.js';
import type { Db } from '../persistence/sqlite/db.js';

export interface LinkPatch {
  online?: boolean;
  agentVersion?: string;
  clockSkewMs?: number;
  outboxDepth?: number;
  outboxOldestAt?: string | null;
  whitelistVersion?: number;
}

/** Marks the pile seen now and applies the patch; no-op for a pile not registered (any more). */
export function touchPile(db: Db, pileId: string, at: string, patch: LinkPatch = {}): void {
  prep(
    db,
    `INSERT INTO pile_links (pile_id, online, last_seen_at) SELECT ?, 1, ? WHERE EXISTS (SELECT 1 FROM piles WHERE pile_id = ?)
    ON CONFLICT (pile_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
  ).run(pileId, at, pileId);
  const sets: string[] = [];
  const args: unknown[] = [];
  const set = (col: string, v: unknown) => {
    sets.push(`${col} = ?`);
    args.push(v);
  };
  if (patch.online !== undefined) set('online', patch.online ? 1 : 0);
  if (patch.agentVersion !== undefined) set('agent_version', patch.agentVersion);
  if (patch.clockSkewMs !== undefined) set('clock_skew_ms', patch.clockSkewMs);
  if (patch.outboxDepth !== undefined) set('outbox_depth', patch.outboxDepth);
  if (patch.outboxOldestAt !== undefined) set('outbox_oldest_at', patch.outboxOldestAt);
  if (patch.whitelistVersion !== undefined) set('whitelist_version', patch.whitelistVersion);
  if (sets.length) prep(db, `UPDATE pile_links SET ${sets.join(', ')} WHERE pile_id = ?`).run(...args, pileId);
}

export function ackedVersion(db: Db, pileId: string): number {
  return (prep(db, 'SELECT whitelist_version FROM pile_links WHERE pile_id = ?').pluck().get(pileId) as number | undefined) ?? 0;
}

/** The online piles of a station. */
export function onlinePiles(db: Db, stationId: number): string[] {
  return prep(db, 'SELECT p.pile_id FROM piles p JOIN pile_links l ON l.pile_id = p.pile_id WHERE p.station_id = ? AND l.online = 1').pluck().all(stationId) as string[];
}

/** At cloud start nobody is known to be online until it speaks. */
export function markAllOffline(db: Db): void {
  prep(db, 'UPDATE pile_links SET online = 0').run();
}
