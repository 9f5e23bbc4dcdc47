// Numbered SQLite migrations (house rule R12): `migrations/NNNN_up-name.sql` / `NNNN_down-name.sql`
// pairs, each applied in one transaction, the schema version kept in `PRAGMA user_version`, and a
// copy of the database taken (VACUUM INTO) before an existing database is migrated. Nothing else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  readonly down: string;
}

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Reads the migration pairs of a folder, ordered; throws when a pair is incomplete or numbers skip. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const byVersion = new Map<number, { name: string; up?: string; down?: string }>();
  for (const f of files) {
    const m = /^(\d{4})_(up|down)-(.+)\.sql$/.exec(f);
    if (!m) throw new Error(`migration file name not NNNN_up-name.sql / NNNN_down-name.sql: ${f}`);
    const version = Number(m[1]);
    const entry = byVersion.get(version) ?? { name: m[3] };
    entry[m[2] as 'up' | 'down'] = readFileSync(join(dir, f), 'utf8');
    byVersion.set(version, entry);
  }
  const out: Migration[] = [];
  [...byVersion.keys()]
    .sort((a, b) => a - b)
    .forEach((version, i) => {
      const e = byVersion.get(version)!;
      if (version !== i + 1) throw new Error(`migration numbers must run 1, 2, 3…; found ${version} at position ${i + 1}`);
      if (e.up === undefined || e.down === undefined) throw new Error(`migration ${version} needs both an up and a down file`);
      out.push({ version, name: e.name, up: e.up, down: e.down });
    });
  return out;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the database's user_version, each in its own transaction.
 * `backupPath(from)` names the copy taken before migrating a database that already has a schema.
 */
export function migrate(db: Database.Database, migrations: Migration[], backupPath?: (from: number) => string): number {
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  if (current > 0 && backupPath) {
    const target = backupPath(current);
    if (!existsSync(target)) db.prepare('VACUUM INTO ?').run(target);
  }
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

/** Reverts to `target` by running down files in reverse order, each in one transaction. */
export function migrateDown(db: Database.Database, migrations: Migration[], target: number): number {
  for (const m of [...migrations].reverse()) {
    if (m.version <= target || m.version > schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.down);
      db.pragma(`user_version = ${m.version - 1}`);
    })();
  }
  return schemaVersion(db);
}
