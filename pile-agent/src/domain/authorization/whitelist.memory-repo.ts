// In-memory WhitelistRepo for pure tests and simulations: same contract as the SQLite repository
// (whitelist-repo.contract.ts runs against both). Atomic because a page is fully validated before
// the first change is applied, and applying a valid change cannot fail. Not for production use.
import { err, ok, type Result } from '../../shared/result.js';
import { parseWhitelistPage, type PageApplied, type PageRejection, type WhitelistChange } from './whitelist-page.js';
import { plateSearchKey, type WhitelistRepo } from './whitelist.repo.js';
import type { CardEntry, DepartmentEntry, FixedPasswordEntry, StationEntry, VehicleEntry, WhitelistCounts } from './whitelist.types.js';

export class MemoryWhitelistRepo implements WhitelistRepo {
  private currentVersion = 0;
  private departments = new Map<string, DepartmentEntry>();
  private vehicles = new Map<string, VehicleEntry>();
  private cards = new Map<string, CardEntry>();
  private passwords = new Map<string, FixedPasswordEntry>();
  private stations = new Map<string, StationEntry>();

  version(): number {
    return this.currentVersion;
  }

  department(id: string): DepartmentEntry | undefined {
    return this.departments.get(id);
  }

  vehicleByVin(vin: string): VehicleEntry | undefined {
    return this.vehicles.get(vin);
  }

  card(cardNo: string): CardEntry | undefined {
    return this.cards.get(cardNo);
  }

  station(): StationEntry | undefined {
    return [...this.stations.values()][0];
  }

  fixedPasswords(): readonly FixedPasswordEntry[] {
    return [...this.passwords.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  findByPlate(fragment: string, limit = 20): readonly VehicleEntry[] {
    const needle = plateSearchKey(fragment);
    if (needle === '' || limit <= 0) return [];
    return [...this.vehicles.values()]
      .filter((v) => plateSearchKey(v.plate).includes(needle))
      .sort((a, b) => (a.plate < b.plate ? -1 : a.plate > b.plate ? 1 : a.vin < b.vin ? -1 : 1))
      .slice(0, limit);
  }

  counts(): WhitelistCounts {
    return { departments: this.departments.size, vehicles: this.vehicles.size, cards: this.cards.size, fixedPasswords: this.passwords.size };
  }

  *entries(): Iterable<{ readonly entity: string; readonly key: string; readonly version: number }> {
    for (const [key, e] of this.departments) yield { entity: 'department', key, version: e.version };
    for (const [key, e] of this.vehicles) yield { entity: 'vehicle', key, version: e.version };
    for (const [key, e] of this.cards) yield { entity: 'card', key, version: e.version };
    for (const [key, e] of this.passwords) yield { entity: 'fixed-password', key, version: e.version };
    for (const [key, e] of this.stations) yield { entity: 'station', key, version: e.version };
  }

  applyPage(input: unknown): Result<PageApplied, PageRejection> {
    const parsed = parseWhitelistPage(input);
    if (!parsed.ok) return parsed;
    const page = parsed.value;
    if (page.kind === 'delta' && page.fromVersion !== this.currentVersion) {
      return err({ reason: 'version-gap', storedVersion: this.currentVersion, fromVersion: page.fromVersion });
    }
    if (page.kind === 'snapshot') {
      this.departments = new Map();
      this.vehicles = new Map();
      this.cards = new Map();
      this.passwords = new Map();
      this.stations = new Map();
    }
    for (const c of page.changes) this.applyChange(c);
    this.currentVersion = page.toVersion;
    return ok({ version: page.toVersion, applied: page.changes.length });
  }

  private applyChange(c: WhitelistChange): void {
    const table = this.tableOf(c.entity);
    if (c.op === 'delete') table.delete(c.key);
    else table.set(c.key, { ...c.row, version: c.version });
  }

  private tableOf(entity: WhitelistChange['entity']): Map<string, object> {
    switch (entity) {
      case 'department':
        return this.departments;
      case 'vehicle':
        return this.vehicles;
      case 'card':
        return this.cards;
      case 'fixed-password':
        return this.passwords;
      case 'station':
        return this.stations;
    }
  }
}
