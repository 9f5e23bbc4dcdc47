// What a fleet account may see, for the services on the store port (asynchronous): the departments
// tree read through `DepartmentTree`, the same rules as actor.ts (an operator sees everything; a fleet
// account its department's subtree; a department outside it does not exist for that account: 404).
import { notFound } from '../../shared/cloud-error.js';
import type { Actor } from './actor.js';

/** What every paged list filters on: a time window (epoch ms, from inclusive, to exclusive), a station, and the departments in scope. */
export interface ScopedFilter {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly stationId?: number;
  /** Only rows of these departments; null = all (unattributed ones included). */
  readonly departmentIds: readonly number[] | null;
}

/** One page of a list, and how many rows match in all. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

export interface DepartmentTree {
  /** The ids of a department and all its descendants; empty when it does not exist. */
  subtree(rootId: number): Promise<number[]>;
}

/** The asked department's subtree, after checking the actor may see it (404 naming `what` otherwise). */
export async function visibleSubtree(tree: DepartmentTree, actor: Actor, departmentId: number, what = 'department', field?: string): Promise<number[]> {
  const ids = await tree.subtree(departmentId);
  if (ids.length === 0) throw notFound(what, field);
  if (actor.role === 'fleet' && !(await tree.subtree(actor.departmentId ?? -1)).includes(departmentId)) throw notFound(what, field);
  return ids;
}
