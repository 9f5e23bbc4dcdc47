// Who is asking, and what they may see: an operator sees everything; a fleet account sees only its
// department and that department's sub-departments (docs/charging-modes.md rule 7). Every service receives the
// Actor and calls these helpers; a fleet asking for data outside its subtree gets 404 (existence is
// not revealed) for reads and 403 for operator-only actions.
import type { Db } from '../../persistence/sqlite/db.js';
import { CloudError, forbidden, notFound } from '../../shared/cloud-error.js';

export interface Actor {
  readonly accountId: number;
  readonly username: string;
  readonly role: 'operator' | 'fleet';
  /** The fleet's root department; null for operators. */
  readonly departmentId: number | null;
}

/** The ids of a department and all its descendants (empty when it does not exist). */
export function subtreeIds(db: Db, rootId: number): number[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE t(id) AS (SELECT id FROM departments WHERE id = ? UNION ALL SELECT d.id FROM departments d JOIN t ON d.parent_id = t.id)
       SELECT id FROM t`,
    )
    .pluck()
    .all(rootId) as number[];
  return rows;
}

/** null = no restriction (operator); otherwise the set of department ids the actor may see. */
export function visibleDepartments(db: Db, actor: Actor): Set<number> | null {
  if (actor.role === 'operator') return null;
  return new Set(subtreeIds(db, actor.departmentId!));
}

export function canSeeDepartment(db: Db, actor: Actor, departmentId: number | null): boolean {
  if (actor.role === 'operator') return true;
  if (departmentId === null) return false;
  return visibleDepartments(db, actor)!.has(departmentId);
}

export function requireOperator(actor: Actor): void {
  if (actor.role !== 'operator') throw forbidden('only an operator account may do this');
}

/** Throws 404 naming `what` when a fleet actor may not see the department (or it does not exist). */
export function assertDepartmentVisible(db: Db, actor: Actor, departmentId: number, what = 'department', field?: string): void {
  const exists = db.prepare('SELECT 1 FROM departments WHERE id = ?').get(departmentId) !== undefined;
  if (!exists || !canSeeDepartment(db, actor, departmentId)) throw notFound(what, field);
}

/** For writes that place something in a department: the department must exist and be in scope. */
export function assertDepartmentUsable(db: Db, actor: Actor, departmentId: number, field = 'departmentId'): void {
  const exists = db.prepare('SELECT 1 FROM departments WHERE id = ?').get(departmentId);
  if (!exists) throw new CloudError('invalid', 'unknown-department', `department ${departmentId} does not exist`, field);
  if (!canSeeDepartment(db, actor, departmentId)) throw forbidden(`department ${departmentId} is outside your account's departments`, field);
}
