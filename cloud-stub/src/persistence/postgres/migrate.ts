// Numbered PostgreSQL migrations, the same `NNNN_up-name.sql` / `NNNN_down-name.sql` pairs as the
// SQLite ones (loadMigrations), each applied in one transaction with its version recorded in
// `schema_migrations`; an advisory lock makes concurrent starts (several cloud workers) apply each
// migration once. A database newer than this code is refused.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadMigrations, type Migration } from '../sqlite/migrate.js';

export const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK = 7_024_011; // any constant shared by every worker

/** Brings the database at `url` to the newest migration; returns the versions applied now. */
export async function migratePostgres(url: string, migrations: readonly Migration[] = loadMigrations(PG_MIGRATIONS_DIR)): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const current = Number((await c.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0].v);
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) throw new Error(`the database is at migration ${current}, newer than this cloud (${newest}): run a newer cloud-stub`);
    const applied: number[] = [];
    for (const m of migrations.filter((x) => x.version > current)) {
      await c.query('BEGIN');
      try {
        await c.query(m.up);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    await c.end();
  }
}
