// The registry lookups the cloud's session checks read (entitlement.ts), over the SQLite store, with
// prepared statements cached per database.
import { prep } from '../persistence/sqlite/statements.js';
import type { Db } from '../persistence/sqlite/db.js';
import { vehicleByPlate, vehicleByVin } from '../domain/vehicles/vehicles.service.js';
import type { EntitlementRegistry } from './entitlement.js';

export function sqliteRegistry(db: Db): EntitlementRegistry {
  return {
    card: (cardNo) => {
      const r = prep(db, 'SELECT m.id AS memberId, m.department_id AS departmentId FROM cards c JOIN members m ON m.id = c.member_id WHERE c.card_no = ?').get(cardNo) as
        | { memberId: number; departmentId: number | null }
        | undefined;
      return r;
    },
    stationAdmin: (id) => (prep(db, 'SELECT admin_member_id FROM stations WHERE id = ?').pluck().get(id) as number | null | undefined) ?? null,
    stationHasFixedPassword: (id) => (prep(db, 'SELECT fixed_password_hash IS NOT NULL FROM stations WHERE id = ?').pluck().get(id) as number | undefined) === 1,
    vehicleByVin: (vin) => vehicleByVin(db, vin),
    vehicleByPlate: (plate) => vehicleByPlate(db, plate),
    departmentVinOnly: (id) => {
      const v = prep(db, 'SELECT vin_only FROM departments WHERE id = ?').pluck().get(id) as number | undefined;
      return v === undefined ? undefined : v === 1;
    },
    bound: (dept, station) => prep(db, 'SELECT 1 FROM department_stations WHERE department_id = ? AND station_id = ?').get(dept, station) !== undefined,
  };
}
