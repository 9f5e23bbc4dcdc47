// The refusal and unknown-VIN reads over the store, the same queries on SQLite and PostgreSQL: times
// compared and ordered as instants (`instantMs`: the piles' ISO texts come with or without fractions),
// ties by id, bytewise on both.
import { sql, type RawBuilder } from 'kysely';
import type { Refusal } from '../domain/refusals/refusal.js';
import type { RefusalFilter, RefusalsRepo } from '../domain/refusals/refusals.repo.js';
import type { UnknownVin } from '../domain/vehicles/unknown-vin.js';
import { inIds, storeDepartmentTree } from './department-tree.js';
import { pageOf } from './paged.js';
import { bytewise, instantMs, type Store } from './store.js';

const COLUMNS = sql`id, pile_id AS "pileId", connector_id AS "connectorId", station_id AS "stationId", at, credential_kind AS "credentialKind",
  card_no AS "cardNo", vin, vin_status AS "vinStatus", reason, mode, department_id AS "departmentId", received_at AS "receivedAt"`;

export function storeRefusalsRepo(store: Store): RefusalsRepo {
  const db = store.db;
  const where = (f: RefusalFilter): RawBuilder<unknown> => {
    const at = instantMs(store, 'at');
    const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
    if (f.fromMs !== undefined) parts.push(sql`${at} >= ${f.fromMs}`);
    if (f.toMs !== undefined) parts.push(sql`${at} < ${f.toMs}`);
    if (f.stationId !== undefined) parts.push(sql`station_id = ${f.stationId}`);
    if (f.pileId !== undefined) parts.push(sql`pile_id = ${f.pileId}`);
    if (f.departmentIds) parts.push(inIds('department_id', f.departmentIds));
    return sql.join(parts, sql` AND `);
  };
  return {
    ...storeDepartmentTree(store),
    page: (f, limit, offset) => pageOf<Refusal>(store, 'refusals', COLUMNS, where(f), sql`${instantMs(store, 'at')} DESC, id ${bytewise(store)}`, limit, offset),
    unknownVins: async (stationId, limit) => {
      const station = stationId === undefined ? sql`1 = 1` : sql`u.station_id = ${stationId}`;
      const r = await sql<UnknownVin>`SELECT u.vin, u.station_id AS "stationId", s.name AS "stationName", u.pile_id AS "pileId", u.first_at AS "firstAt",
          u.last_at AS "lastAt", u.count, u.last_outcome AS "lastOutcome"
        FROM unknown_vins u LEFT JOIN stations s ON s.id = u.station_id
        WHERE NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.vin = u.vin) AND ${station}
        ORDER BY ${instantMs(store, 'u.last_at')} DESC, u.vin ${bytewise(store)}, u.station_id, u.pile_id ${bytewise(store)} LIMIT ${limit}`.execute(db);
      return r.rows;
    },
  };
}
