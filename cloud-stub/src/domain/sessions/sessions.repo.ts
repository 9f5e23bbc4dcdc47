// What listing recorded sessions reads, as an asynchronous port over either engine
// (store/sessions.store.ts): the departments tree for the scope, and one page of sessions matching a
// filter, newest first, with the count of all that match; the disputed sessions.
import type { DepartmentTree, Page, ScopedFilter } from '../access/department-scope.js';
import type { DisputedSession } from './disputed-session.js';
import type { Session } from './session.js';

export interface SessionFilter extends ScopedFilter {
  readonly vin?: string;
  readonly cardNo?: string;
}

export interface SessionsRepo extends DepartmentTree {
  page(filter: SessionFilter, limit: number, offset: number): Promise<Page<Session>>;
  /** The sessions the cloud would not bill, most recent first; `stationId` narrows to one station. */
  disputed(stationId: number | undefined, limit: number): Promise<DisputedSession[]>;
}
