// What the refusal and unknown-VIN lists read, as an asynchronous port over either engine
// (store/refusals.store.ts): the departments tree for the scope, one page of refused attempts
// newest first (by instant), and the VINs piles read that the registry still does not know.
import type { DepartmentTree, Page, ScopedFilter } from '../access/department-scope.js';
import type { UnknownVin } from '../vehicles/unknown-vin.js';
import type { Refusal } from './refusal.js';

export interface RefusalFilter extends ScopedFilter {
  readonly pileId?: string;
}

export interface RefusalsRepo extends DepartmentTree {
  page(filter: RefusalFilter, limit: number, offset: number): Promise<Page<Refusal>>;
  /** Most recent first; `stationId` narrows to one station. */
  unknownVins(stationId: number | undefined, limit: number): Promise<UnknownVin[]>;
}
