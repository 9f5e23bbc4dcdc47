// The migration runner (house rule R12): numbered up/down SQL pairs in migrations/, each applied
// in one transaction together with the new schema version in `user_version`, foreign keys checked
// before each commit, and a backup copy of an existing database taken before its schema changes.
// Adding a migration is dropping in `NNNN_up-name.sql` + `NNNN_down-name.sql`; no code changes.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  readonly down: string;
}

/** The agent's own migrations, next to this file. */
export const AGENT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE = /^(\d{4})_(up|down)-([a-z0-9][a-z0-9-]*)\.sql$/;

const fail = (message: string, cause?: unknown): never => {
  throw new AgentError(AgentErrorCode.StorageMigration, message, { cause });
};

/**
 * Reads every migration pair of `dir`. Throws on a `.sql` file that does not follow the naming,
 * a missing half of a pair, differing names in a pair, or a gap in the numbering (1, 2, 3, …).
 * Migration SQL must not contain BEGIN/COMMIT: the runner owns the transaction.
 */
export function loadMigrations(dir: string): Migration[] {
  const halves = new Map<number, { name: string; up?: string; down?: string }>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE.exec(file);
    if (!m) fail(`migration file ${file}: expected NNNN_up-name.sql or NNNN_down-name.sql`);
    const [, num, direction, name] = m!;
    const version = Number(num);
    const entry = halves.get(version) ?? { name };
    if (entry.name !== name) fail(`migration ${num}: up and down names differ (${entry.name} / ${name})`);
    entry[direction as 'up' | 'down'] = readFileSync(join(dir, file), 'utf8');
    halves.set(version, entry);
  }
  const versions = [...halves.keys()].sort((a, b) => a - b);
  return versions.map((version, i) => {
    const h = halves.get(version)!;
    if (version !== i + 1) fail(`migration numbering has a gap: expected ${String(i + 1).padStart(4, '0')}, found ${String(version).padStart(4, '0')}`);
    if (h.up === undefined || h.down === undefined) fail(`migration ${version} (${h.name}) lacks its ${h.up === undefined ? 'up' : 'down'} file`);
    return { version, name: h.name, up: h.up!, down: h.down! };
  });
}

export interface MigrateOptions {
  readonly migrations: readonly Migration[];
  /** Target schema version; default: the latest migration. Lower than the current one runs downs. */
  readonly target?: number;
  /** Where to copy the database before changing an existing schema; null: no backup (in-memory). */
  readonly backupPath: ((fromVersion: number) => string) | null;
  readonly logger: Logger;
}

export interface MigrateReport {
  readonly from: number;
  readonly to: number;
  readonly backup: string | null;
}

function step(db: Database, sql: string, name: string, newVersion: number): void {
  try {
    db.transaction(() => {
      db.exec(sql);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`foreign key check failed: ${JSON.stringify(broken.slice(0, 3))}`);
      db.pragma(`user_version = ${newVersion}`);
    })();
  } catch (e) {
    fail(`migration ${name} failed and was rolled back: ${(e as Error).message}`, e);
  }
}

/** Brings the schema to `target`, one migration per transaction. Throws AgentError on any failure. */
export function migrate(db: Database, opts: MigrateOptions): MigrateReport {
  const latest = opts.migrations.length;
  const target = opts.target ?? latest;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) fail(`database schema version ${from} is newer than this agent knows (${latest}); refusing to run`);
  if (target < 0 || target > latest) fail(`target schema version ${target} outside 0..${latest}`);
  if (from === target) return { from, to: target, backup: null };

  let backup: string | null = null;
  if (from > 0 && opts.backupPath) {
    backup = opts.backupPath(from);
    if (existsSync(backup)) rmSync(backup);
    db.prepare('VACUUM INTO ?').run(backup);
    opts.logger.info({ backup, from, target }, 'database backed up before migrating');
  }
  // Foreign keys are off while the schema changes (SQLite's table-rebuild procedure); each step
  // runs foreign_key_check before it commits instead.
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let v = from; v < target; v++) step(db, opts.migrations[v].up, `${v + 1} up (${opts.migrations[v].name})`, v + 1);
    for (let v = from; v > target; v--) step(db, opts.migrations[v - 1].down, `${v} down (${opts.migrations[v - 1].name})`, v - 1);
  } finally {
    db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`);
  }
  opts.logger.info({ from, to: target }, 'database schema migrated');
  return { from, to: target, backup };
}
