// VINs that piles read but the registry does not know (written by the MQTT sync into unknown_vins,
// one row per VIN, station and pile): listed for the operator to register, most recent first.
// A VIN registered since drops out of the list (the rows stay; registering is the only action).
import type { Db } from '../../persistence/sqlite/db.js';
import { requireOperator, type Actor } from '../access/actor.js';

export interface UnknownVin {
  vin: string;
  stationId: number;
  stationName: string | null;
  pileId: string;
  firstAt: string;
  lastAt: string;
  count: number;
  lastOutcome: 'charged-unattributed' | 'refused';
}

export function listUnknownVins(db: Db, actor: Actor, q: { stationId?: number; limit?: number } = {}): UnknownVin[] {
  requireOperator(actor);
  const args: (string | number)[] = [];
  let filter = '';
  if (q.stationId !== undefined) {
    filter = 'AND u.station_id = ?';
    args.push(q.stationId);
  }
  return db
    .prepare(
      `SELECT u.vin, u.station_id AS stationId, s.name AS stationName, u.pile_id AS pileId, u.first_at AS firstAt, u.last_at AS lastAt,
         u.count, u.last_outcome AS lastOutcome
       FROM unknown_vins u LEFT JOIN stations s ON s.id = u.station_id
       WHERE NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.vin = u.vin) ${filter}
       ORDER BY CAST(ROUND(unixepoch(u.last_at, 'subsec') * 1000) AS INTEGER) DESC, u.vin, u.station_id, u.pile_id LIMIT ?`,
    )
    .all(...args, q.limit ?? 1000) as UnknownVin[];
}
