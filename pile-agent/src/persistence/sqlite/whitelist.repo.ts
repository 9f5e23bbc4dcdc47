// The whitelist cache in SQLite (tables of migration 0001): implements the domain's WhitelistRepo.
// Lookups are primary-key reads through prepared statements; a page is validated whole, then
// applied with its version check in one IMMEDIATE transaction, so it lands entirely or not at all.
// Knows nothing about the decision rules; never throws on bad input (rejections are values).
import type { Database, Statement } from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result.js';
import type { Logger } from '../../shared/logger.js';
import { parseWhitelistPage, type PageApplied, type PageRejection, type WhitelistChange, type WhitelistPage } from '../../domain/authorization/whitelist-page.js';
import { plateSearchKey, type WhitelistRepo } from '../../domain/authorization/whitelist.repo.js';
import type { CardEntry, DepartmentEntry, FixedPasswordEntry, StationEntry, VehicleEntry, WhitelistCounts } from '../../domain/authorization/whitelist.types.js';

const DEPT_COLS = `id, parent_id AS parentId, name, vin_only AS vinOnly, can_pay AS canPay, bound_here AS boundHere,
  stop_password_hash AS stopPasswordHash, stop_password_version AS stopPasswordVersion, offline_allowed AS offlineAllowed, version`;
const VEHICLE_COLS = 'vin, plate, department_id AS departmentId, version';
const CARD_COLS = `card_no AS cardNo, member_id AS memberId, member_name AS memberName, member_kind AS memberKind,
  department_id AS departmentId, station_admin AS stationAdmin, member_can_pay AS memberCanPay, offline_allowed AS offlineAllowed, version`;
const FP_COLS = 'id, hash, member_id AS memberId, member_name AS memberName, member_can_pay AS memberCanPay, version';

type Row = Record<string, unknown>;
const b = (v: unknown): boolean => v === 1;
const toDept = (r: Row): DepartmentEntry => ({ ...(r as unknown as DepartmentEntry), vinOnly: b(r.vinOnly), canPay: b(r.canPay), boundHere: b(r.boundHere), offlineAllowed: b(r.offlineAllowed) });
const toCard = (r: Row): CardEntry => ({ ...(r as unknown as CardEntry), stationAdmin: b(r.stationAdmin), memberCanPay: b(r.memberCanPay), offlineAllowed: b(r.offlineAllowed) });
const toFp = (r: Row): FixedPasswordEntry => ({ ...(r as unknown as FixedPasswordEntry), memberCanPay: b(r.memberCanPay) });
const i = (v: boolean): number => (v ? 1 : 0);

export interface SqliteWhitelistRepoDeps {
  /** A database migrated to at least schema 1 (persistence/sqlite/db.ts). */
  readonly db: Database;
  readonly logger: Logger;
}

export class SqliteWhitelistRepo implements WhitelistRepo {
  private readonly db: Database;
  private readonly logger: Logger;
  private readonly q: Record<string, Statement>;
  private readonly hasStation: boolean;

  constructor(deps: SqliteWhitelistRepoDeps) {
    this.db = deps.db;
    this.logger = deps.logger.child({ ns: 'agent:persistence:whitelist' });
    const p = (sql: string) => this.db.prepare(sql);
    this.q = {
      version: p('SELECT version FROM whitelist_meta WHERE id = 1').pluck(),
      setVersion: p('UPDATE whitelist_meta SET version = ? WHERE id = 1'),
      department: p(`SELECT ${DEPT_COLS} FROM wl_department WHERE id = ?`),
      vehicle: p(`SELECT ${VEHICLE_COLS} FROM wl_vehicle WHERE vin = ?`),
      card: p(`SELECT ${CARD_COLS} FROM wl_card WHERE card_no = ?`),
      fixedPasswords: p(`SELECT ${FP_COLS} FROM wl_fixed_password ORDER BY id`),
      findByPlate: p(`SELECT ${VEHICLE_COLS} FROM wl_vehicle WHERE vin IN (
        SELECT vin FROM wl_vehicle INDEXED BY wl_vehicle_by_plate WHERE instr(plate_key, ?) > 0 ORDER BY plate, plate_key, vin LIMIT ?)
        ORDER BY plate, vin`),
      counts: p(`SELECT (SELECT count(*) FROM wl_department) AS departments, (SELECT count(*) FROM wl_vehicle) AS vehicles,
        (SELECT count(*) FROM wl_card) AS cards, (SELECT count(*) FROM wl_fixed_password) AS fixedPasswords`),
      upsertDepartment: p(`INSERT OR REPLACE INTO wl_department (id, parent_id, name, vin_only, can_pay, bound_here,
        stop_password_hash, stop_password_version, offline_allowed, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      upsertVehicle: p('INSERT OR REPLACE INTO wl_vehicle (vin, plate, plate_key, department_id, version) VALUES (?, ?, ?, ?, ?)'),
      upsertCard: p(`INSERT OR REPLACE INTO wl_card (card_no, member_id, member_name, member_kind, department_id,
        station_admin, member_can_pay, offline_allowed, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      upsertFixedPassword: p(`INSERT OR REPLACE INTO wl_fixed_password (id, hash, member_id, member_name, member_can_pay, version)
        VALUES (?, ?, ?, ?, ?, ?)`),
      deleteDepartment: p('DELETE FROM wl_department WHERE id = ?'),
      deleteVehicle: p('DELETE FROM wl_vehicle WHERE vin = ?'),
      deleteCard: p('DELETE FROM wl_card WHERE card_no = ?'),
      deleteFixedPassword: p('DELETE FROM wl_fixed_password WHERE id = ?'),
    };
    // Schema 3 (wl_station) is optional here, so a repository over an older schema (a migration test) still opens.
    this.hasStation = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'wl_station'").get() !== undefined;
    if (this.hasStation) {
      this.q.station = p('SELECT id, name, tariff_json AS tariffJson, version FROM wl_station ORDER BY id LIMIT 1');
      this.q.upsertStation = p('INSERT OR REPLACE INTO wl_station (id, name, tariff_json, version) VALUES (?, ?, ?, ?)');
      this.q.deleteStation = p('DELETE FROM wl_station WHERE id = ?');
    }
  }

  version(): number {
    return this.q.version.get() as number;
  }

  department(id: string): DepartmentEntry | undefined {
    const r = this.q.department.get(id) as Row | undefined;
    return r && toDept(r);
  }

  vehicleByVin(vin: string): VehicleEntry | undefined {
    return this.q.vehicle.get(vin) as VehicleEntry | undefined;
  }

  card(cardNo: string): CardEntry | undefined {
    const r = this.q.card.get(cardNo) as Row | undefined;
    return r && toCard(r);
  }

  station(): StationEntry | undefined {
    if (!this.hasStation) return undefined;
    const r = this.q.station.get() as { id: string; name: string; tariffJson: string; version: number } | undefined;
    return r && { id: r.id, name: r.name, tariff: JSON.parse(r.tariffJson) as StationEntry['tariff'], version: r.version };
  }

  fixedPasswords(): readonly FixedPasswordEntry[] {
    return (this.q.fixedPasswords.all() as Row[]).map(toFp);
  }

  findByPlate(fragment: string, limit = 20): readonly VehicleEntry[] {
    const needle = plateSearchKey(fragment);
    if (needle === '' || limit <= 0) return [];
    return this.q.findByPlate.all(needle, Math.floor(limit)) as VehicleEntry[];
  }

  counts(): WhitelistCounts {
    return this.q.counts.get() as WhitelistCounts;
  }

  entries(): Iterable<{ readonly entity: string; readonly key: string; readonly version: number }> {
    return this.db
      .prepare(`SELECT 'department' AS entity, id AS key, version FROM wl_department UNION ALL SELECT 'vehicle', vin, version FROM wl_vehicle
      UNION ALL SELECT 'card', card_no, version FROM wl_card UNION ALL SELECT 'fixed-password', id, version FROM wl_fixed_password
      UNION ALL SELECT 'station', id, version FROM wl_station`)
      .iterate() as Iterable<{ entity: string; key: string; version: number }>;
  }

  applyPage(input: unknown): Result<PageApplied, PageRejection> {
    const parsed = parseWhitelistPage(input);
    if (!parsed.ok) {
      this.logger.warn({ rejection: parsed.error }, 'whitelist page rejected');
      return parsed;
    }
    const page = parsed.value;
    try {
      const result = this.db
        .transaction((): Result<PageApplied, PageRejection> => {
          const stored = this.version();
          if (page.kind === 'delta' && page.fromVersion !== stored) {
            return err({ reason: 'version-gap', storedVersion: stored, fromVersion: page.fromVersion });
          }
          if (page.kind === 'snapshot') this.clear();
          for (const c of page.changes) this.applyChange(c);
          this.q.setVersion.run(page.toVersion);
          return ok({ version: page.toVersion, applied: page.changes.length });
        })
        .immediate();
      this.logOutcome(page, result);
      return result;
    } catch (e) {
      // The transaction was rolled back: nothing of the page is applied.
      this.logger.error({ err: (e as Error).message }, 'whitelist page failed in storage');
      return err({ reason: 'storage-error', message: (e as Error).message });
    }
  }

  /** Empties the cache to version 0 (a pile provisioned to another station must not keep this one's data). */
  forget(): void {
    this.db
      .transaction(() => {
        this.clear();
        this.q.setVersion.run(0);
      })
      .immediate();
    this.logger.warn({}, 'whitelist cache emptied (the pile now belongs to another station)');
  }

  private logOutcome(page: WhitelistPage, result: Result<PageApplied, PageRejection>): void {
    if (result.ok) this.logger.info({ kind: page.kind, version: result.value.version, applied: result.value.applied }, 'whitelist page applied');
    else this.logger.warn({ rejection: result.error }, 'whitelist page rejected');
  }

  private clear(): void {
    this.db.exec('DELETE FROM wl_department; DELETE FROM wl_vehicle; DELETE FROM wl_card; DELETE FROM wl_fixed_password;');
    if (this.hasStation) this.db.exec('DELETE FROM wl_station;');
  }

  private applyChange(c: WhitelistChange): void {
    if (c.op === 'delete') {
      const del = { department: 'deleteDepartment', vehicle: 'deleteVehicle', card: 'deleteCard', 'fixed-password': 'deleteFixedPassword', station: 'deleteStation' }[c.entity];
      this.q[del].run(c.key);
      return;
    }
    switch (c.entity) {
      case 'department': {
        const r = c.row;
        this.q.upsertDepartment.run(r.id, r.parentId, r.name, i(r.vinOnly), i(r.canPay), i(r.boundHere), r.stopPasswordHash, r.stopPasswordVersion, i(r.offlineAllowed), c.version);
        return;
      }
      case 'vehicle':
        this.q.upsertVehicle.run(c.row.vin, c.row.plate, plateSearchKey(c.row.plate), c.row.departmentId, c.version);
        return;
      case 'card': {
        const r = c.row;
        this.q.upsertCard.run(r.cardNo, r.memberId, r.memberName, r.memberKind, r.departmentId, i(r.stationAdmin), i(r.memberCanPay), i(r.offlineAllowed), c.version);
        return;
      }
      case 'fixed-password':
        this.q.upsertFixedPassword.run(c.row.id, c.row.hash, c.row.memberId, c.row.memberName, i(c.row.memberCanPay), c.version);
        return;
      case 'station':
        this.q.upsertStation.run(c.row.id, c.row.name, JSON.stringify(c.row.tariff), c.version);
        return;
    }
  }
}
