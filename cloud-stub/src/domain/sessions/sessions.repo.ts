// What listing recorded sessions reads, as an asynchronous port over either engine
// (store/sessions.store.ts): the departments tree for the scope, and one page of sessions matching a
// filter, newest first, with the count of all that match.
import type { DepartmentTree } from '../access/department-scope.js';
import type { Session } from './session.js';

export interface SessionFilter {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly stationId?: number;
  readonly vin?: string;
  readonly cardNo?: string;
  /** Only sessions attributed to these departments; null = all (unattributed ones included). */
  readonly departmentIds: readonly number[] | null;
}

export interface SessionsRepo extends DepartmentTree {
  page(filter: SessionFilter, limit: number, offset: number): Promise<{ items: Session[]; total: number }>;
}
