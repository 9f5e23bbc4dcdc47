// One page of a list and the count of every matching row, the same way for every list on the store:
// both queries share the filter, the page is ordered as the caller says and cut by limit and offset.
import { sql, type RawBuilder } from 'kysely';
import type { Page } from '../domain/access/department-scope.js';
import type { Store } from './store.js';

export async function pageOf<T>(store: Store, table: string, columns: RawBuilder<unknown>, where: RawBuilder<unknown>, order: RawBuilder<unknown>, limit: number, offset: number): Promise<Page<T>> {
  const [count, rows] = await Promise.all([
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(store.db),
    sql<T>`SELECT ${columns} FROM ${sql.table(table)} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(store.db),
  ]);
  return { items: rows.rows, total: Number(count.rows[0].n) };
}
