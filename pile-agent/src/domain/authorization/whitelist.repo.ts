// The whitelist cache as the domain sees it (house rule R12): a read-only view with synchronous
// lookups for the pure decision (authorize.ts), and the repository that the sync applies pages to.
// Implemented by persistence/sqlite/whitelist.repo.ts and whitelist.memory-repo.ts. Interfaces only.
import type { Result } from '../../shared/result.js';
import type { PageApplied, PageRejection } from './whitelist-page.js';
import type { CardEntry, DepartmentEntry, FixedPasswordEntry, StationEntry, VehicleEntry, WhitelistCounts } from './whitelist.types.js';

/**
 * Synchronous point lookups, O(log n). `undefined` means "not in this station's cache". What the
 * decision function reads; a view never changes the cache.
 */
export interface WhitelistView {
  department(id: string): DepartmentEntry | undefined;
  vehicleByVin(vin: string): VehicleEntry | undefined;
  card(cardNo: string): CardEntry | undefined;
}

/**
 * The cache: the view plus what the sync and the console need. `applyPage` takes an already
 * structured page or raw input (it validates either way) and applies it in one transaction:
 * either every change and the new version, or nothing (a rejection value, never a throw).
 */
export interface WhitelistRepo extends WhitelistView {
  /** The change-log version the cache holds (0 for an empty cache). */
  version(): number;
  applyPage(page: unknown): Result<PageApplied, PageRejection>;
  /** This pile's station (name, tariff), once synced. */
  station(): StationEntry | undefined;
  /** Every currently valid fixed-password hash (usually one; two during a change). */
  fixedPasswords(): readonly FixedPasswordEntry[];
  /**
   * Vehicles whose plate contains `fragment`, ignoring case, spaces, dots and hyphens; at most
   * `limit` (default 20), ordered by plate. For the console's `whitelist find`.
   */
  findByPlate(fragment: string, limit?: number): readonly VehicleEntry[];
  counts(): WhitelistCounts;
  /** Every entry of the cache as (entity, key, version), for the view digest (protocols/sync/view-digest.ts). */
  entries(): Iterable<{ readonly entity: string; readonly key: string; readonly version: number }>;
}

/** Normal form of a plate for search: upper case, without spaces, dots, hyphens and middle dots. */
export function plateSearchKey(plate: string): string {
  return plate.toUpperCase().replace(/[\s.\-·•]/g, '');
}
