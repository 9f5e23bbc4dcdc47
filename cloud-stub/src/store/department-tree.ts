// The departments tree over the store (the DepartmentTree port): a department and its descendants by
// one recursive query, the same on SQLite and PostgreSQL. Shared by the repositories that scope by it.
import { sql } from 'kysely';
import type { DepartmentTree } from '../domain/access/department-scope.js';
import type { Store } from './store.js';

/** `column IN (ids…)` (never true for no ids), or no restriction for null. */
export const inIds = (column: string, ids: readonly number[] | null) => (ids === null ? sql`1 = 1` : sql`${sql.ref(column)} IN (${sql.join(ids.length ? ids.map((i) => sql`${i}`) : [sql`NULL`])})`);

export function storeDepartmentTree(store: Store): DepartmentTree {
  return {
    subtree: async (rootId) => {
      const r = await sql<{ id: number }>`WITH RECURSIVE t(id) AS (SELECT id FROM departments WHERE id = ${rootId}
        UNION ALL SELECT d.id FROM departments d JOIN t ON d.parent_id = t.id) SELECT id FROM t`.execute(store.db);
      return r.rows.map((x) => Number(x.id));
    },
  };
}
