// VINs that piles read but the registry does not know (written by the MQTT sync into unknown_vins,
// one row per VIN, station and pile): listed for the operator to register, most recent first.
// A VIN registered since drops out of the list (the rows stay; registering is the only action).
// Storage only through the RefusalsRepo port (SQLite or PostgreSQL).
import { requireOperator, type Actor } from '../access/actor.js';
import type { RefusalsRepo } from '../refusals/refusals.repo.js';
import type { UnknownVin } from './unknown-vin.js';

export type { UnknownVin } from './unknown-vin.js';

export async function listUnknownVins(repo: RefusalsRepo, actor: Actor, q: { stationId?: number; limit?: number } = {}): Promise<UnknownVin[]> {
  requireOperator(actor);
  return repo.unknownVins(q.stationId, q.limit ?? 1000);
}
