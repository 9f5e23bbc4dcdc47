// What a fleet account may see, for the services on the store port (asynchronous): the departments
// tree read through `DepartmentTree`, the same rules as actor.ts (an operator sees everything; a fleet
// account its department's subtree; a department outside it does not exist for that account: 404).
import { notFound } from '../../shared/cloud-error.js';
import type { Actor } from './actor.js';

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
