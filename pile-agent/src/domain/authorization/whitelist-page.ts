// The whitelist page as the pile's domain uses it: the contract's page schema and parser
// (protocols/sync/whitelist-page.ts, shared with the cloud), re-exported, plus a compile-time check
// that the contract's rows are exactly the cache entries of whitelist.types.ts without their version.
import type { WhitelistRowOf } from '../../protocols/sync/whitelist-page.js';
import type { CardEntry, DepartmentEntry, FixedPasswordEntry, StationEntry, VehicleEntry } from './whitelist.types.js';

export * from '../../protocols/sync/whitelist-page.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Row<T> = Mutable<Omit<T, 'version'>>;
const rowsMatch: [
  Same<Row<DepartmentEntry>, WhitelistRowOf['department']>,
  Same<Row<VehicleEntry>, WhitelistRowOf['vehicle']>,
  Same<Row<CardEntry>, WhitelistRowOf['card']>,
  Same<Row<FixedPasswordEntry>, WhitelistRowOf['fixed-password']>,
  Same<Row<StationEntry>, WhitelistRowOf['station']>,
] = [true, true, true, true, true];
void rowsMatch;
