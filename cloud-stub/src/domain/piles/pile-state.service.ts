// What an operator sees of each pile: its registration joined with the link state the MQTT sync keeps
// (pile_links: online, last seen, acknowledged whitelist version, clock skew, outbox, agent version)
// and its station view's latest version (from the injected station views), and how far behind it
// is. Also revocation: deleting a pile (with its link row). Operator only.
import type { Db } from '../../persistence/sqlite/db.js';
import type { StationViewApi } from '../../view/index.js';
import { requireOperator, type Actor } from '../access/actor.js';
import { notFound } from '../../shared/cloud-error.js';

export type StationHeads = Pick<StationViewApi, 'stationHead'>;

export interface PileState {
  pileId: string;
  stationId: number;
  connectors: number;
  createdAt: string;
  online: boolean;
  lastSeenAt: string | null;
  /** The version the pile acknowledged (0 before its first sync). */
  whitelistVersion: number;
  /** The latest version of the pile's station view. */
  stationVersion: number;
  /** stationVersion − whitelistVersion: changes the pile has not acknowledged yet. */
  behind: number;
  clockSkewMs: number | null;
  outboxDepth: number | null;
  outboxOldestAt: string | null;
  agentVersion: string | null;
}

interface Row {
  pile_id: string;
  station_id: number;
  connectors: number;
  created_at: string;
  online: number | null;
  last_seen_at: string | null;
  whitelist_version: number | null;
  clock_skew_ms: number | null;
  outbox_depth: number | null;
  outbox_oldest_at: string | null;
  agent_version: string | null;
}

const SELECT = `SELECT p.pile_id, p.station_id, p.connectors, p.created_at, l.online, l.last_seen_at, l.whitelist_version,
  l.clock_skew_ms, l.outbox_depth, l.outbox_oldest_at, l.agent_version
  FROM piles p LEFT JOIN pile_links l ON l.pile_id = p.pile_id`;

function toState(r: Row, stationVersion: number): PileState {
  const whitelistVersion = r.whitelist_version ?? 0;
  return {
    pileId: r.pile_id,
    stationId: r.station_id,
    connectors: r.connectors,
    createdAt: r.created_at,
    online: r.online === 1,
    lastSeenAt: r.last_seen_at,
    whitelistVersion,
    stationVersion,
    behind: stationVersion - whitelistVersion,
    clockSkewMs: r.clock_skew_ms,
    outboxDepth: r.outbox_depth,
    outboxOldestAt: r.outbox_oldest_at,
    agentVersion: r.agent_version,
  };
}

/** Every pile, by station then pile id; each station's head is read once. */
export function listPileStates(db: Db, views: StationHeads, actor: Actor, q: { stationId?: number } = {}): PileState[] {
  requireOperator(actor);
  const rows = (
    q.stationId === undefined ? db.prepare(`${SELECT} ORDER BY p.station_id, p.pile_id`).all() : db.prepare(`${SELECT} WHERE p.station_id = ? ORDER BY p.pile_id`).all(q.stationId)
  ) as Row[];
  const heads = new Map<number, number>();
  const head = (stationId: number) => {
    if (!heads.has(stationId)) heads.set(stationId, views.stationHead(db, stationId));
    return heads.get(stationId)!;
  };
  return rows.map((r) => toState(r, head(r.station_id)));
}

export function getPileState(db: Db, views: StationHeads, actor: Actor, pileId: string): PileState {
  requireOperator(actor);
  const r = db.prepare(`${SELECT} WHERE p.pile_id = ?`).get(pileId) as Row | undefined;
  if (!r) throw notFound('pile');
  return toState(r, views.stationHead(db, r.station_id));
}

/** Removes the pile and its link state in one transaction; its sessions, refusals and commands stay as history. */
export function deletePile(db: Db, actor: Actor, pileId: string): void {
  requireOperator(actor);
  db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM piles WHERE pile_id = ?').get(pileId)) throw notFound('pile');
    db.prepare('DELETE FROM pile_links WHERE pile_id = ?').run(pileId);
    db.prepare('DELETE FROM piles WHERE pile_id = ?').run(pileId);
  })();
}
