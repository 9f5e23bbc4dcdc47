// `npm run bench -- report`: the company report (per local day and vehicle, department + all its
// sub-departments) over 1,000,000 sessions in an on-disk WAL database. The sessions are written
// through the ingest path's storage (prepareSessionInsert) in one transaction; the timed figure is
// companyReport() itself (query + row shaping), goal ≤ 2 s, plus the CSV rendering of its result.
// Fleet: 1 company, 10 fleets, 500 buses, one year (≈ 5.5 sessions per bus and day). Then the same
// report on PostgreSQL (`cloud.report.company.postgres`; a server the bench starts, BENCH_PG=0 skips
// it): the departments and the per-day rollup the report reads are copied over in batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { vinCheckDigit } from '../../pile-agent/contract.js';
import { openDatabase } from '../src/persistence/sqlite/db.js';
import { localDay, prepareSessionInsert } from '../src/persistence/sqlite/sessions.sqlite-repo.js';
import { companyReport } from '../src/domain/reports/reports.service.js';
import { renderTable } from '../src/formats/table.js';
import type { Actor } from '../src/domain/access/actor.js';
import type { ReportsRepo } from '../src/domain/reports/reports.repo.js';
import { migratePostgres } from '../src/persistence/postgres/migrate.js';
import { storeReportsRepo } from '../src/store/reports.store.js';
import { postgresStore, sqliteStore, type Store } from '../src/store/store.js';
import { PostgresServer } from '../test/providers/postgres-server.js';
import { sql } from 'kysely';

/** Copies a table's rows from one store to the other in batches of 5,000. */
async function copyTable(from: Store, to: Store, table: string, columns: string[]): Promise<void> {
  for (let offset = 0; ; offset += 5_000) {
    const rows = (await sql<Record<string, unknown>>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)} LIMIT 5000 OFFSET ${offset}`.execute(from.db)).rows;
    if (rows.length === 0) return;
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(rows.map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`))}`.execute(to.db);
  }
}

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1_000_000);
const BUSES = 500;
const FLEETS = 10;
const DAYS = 365;
const OFFSET = 480;
const T0 = Date.parse('2024-01-01T00:00:00+08:00');

const line = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: 'cloud.report.company', metric, value, unit }));
const vinOf = (n: number) => {
  const draft = `LZYTBTE00${String(n).padStart(8, '0')}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
};

const dir = mkdtempSync(join(tmpdir(), 'pilegate-bench-report-'));
try {
  const db = openDatabase(dir);
  const at = new Date().toISOString();
  db.prepare('INSERT INTO departments (id, name, parent_id, created_at) VALUES (1, ?, NULL, ?)').run('公交集团', at);
  for (let f = 0; f < FLEETS; f++) db.prepare('INSERT INTO departments (id, name, parent_id, created_at) VALUES (?, ?, 1, ?)').run(2 + f, `第${f + 1}车队`, at);
  db.prepare('INSERT INTO departments (id, name, parent_id, created_at) VALUES (99, ?, NULL, ?)').run('其他公司', at);
  db.prepare('INSERT INTO stations (id, name, tariff_json, created_at) VALUES (1, \'北站\', \'{"fenPerKwh":100,"periods":[]}\', ?)').run(at);
  db.prepare("INSERT INTO piles (pile_id, station_id, connectors, secret_hash, created_at) VALUES ('P1', 1, 2, 'x', ?)").run(at);
  const buses = Array.from({ length: BUSES }, (_, i) => ({ vin: vinOf(i), plate: `沪A${String(i).padStart(5, '0')}D`, dept: 2 + (i % FLEETS) }));
  const insV = db.prepare('INSERT INTO vehicles (vin, plate, department_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => buses.forEach((b) => insV.run(b.vin, b.plate, b.dept, at, at)))();

  const t0 = performance.now();
  const insert = prepareSessionInsert(db);
  const step = (DAYS * 86_400_000) / SESSIONS;
  db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) {
      const bus = buses[(i * 7919) % BUSES];
      const startedMs = T0 + Math.floor(i * step);
      const energyWh = 20_000 + ((i * 31) % 180_000);
      const startedAt = new Date(startedMs).toISOString();
      insert({
        sessionId: randomUUID(),
        pileId: 'P1',
        connectorId: 1 + (i % 2),
        stationId: 1,
        mode: 4,
        credentialKind: 'vin-button',
        cardNo: null,
        vin: bus.vin,
        vinStatus: 'valid',
        plate: bus.plate,
        payerKind: 'department',
        payerId: bus.dept,
        departmentId: bus.dept,
        reportedDepartmentId: bus.dept,
        vehicleKey: bus.vin,
        meterStartWh: 0,
        meterStopWh: energyWh,
        energyWh,
        amountFen: Math.round(energyWh / 10),
        billed: true,
        startedAt,
        startedMs,
        stoppedAt: new Date(startedMs + 3_600_000).toISOString(),
        day: localDay(startedMs, OFFSET),
        stopReason: 'bms-full',
        ingestedAt: at,
      });
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  console.error(`# generated ${SESSIONS} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const operator: Actor = { accountId: 1, username: 'admin', role: 'operator', departmentId: null };
  const runs: number[] = [];
  let rows = 0;
  let totalSessions = 0;
  const sqlite = sqliteStore(db);
  const timed = async (repo: ReportsRepo) => {
    const times: number[] = [];
    let last = await companyReport(repo, operator, { departmentId: 1, from: '2024-01-01', to: '2024-12-31' }, OFFSET);
    for (let r = 0; r < 3; r++) {
      globalThis.gc?.();
      const s = performance.now();
      last = await companyReport(repo, operator, { departmentId: 1, from: '2024-01-01', to: '2024-12-31' }, OFFSET);
      times.push((performance.now() - s) / 1000);
    }
    return { times: times.sort((a, b) => a - b), report: last };
  };
  const onSqlite = await timed(storeReportsRepo(sqlite));
  runs.push(...onSqlite.times);
  const report = onSqlite.report;
  rows = report.rows.length;
  totalSessions = report.totals.sessions;
  if (totalSessions !== SESSIONS) throw new Error(`report counted ${totalSessions} sessions, expected ${SESSIONS}`);
  runs.sort((a, b) => a - b);
  const c = performance.now();
  const csv = await renderTable({ columns: report.columns, rows: report.rows }, 'csv', '公司充电报表');
  const csvS = (performance.now() - c) / 1000;
  line('seconds', Number(runs[1].toFixed(3)), 's');
  line('seconds_best', Number(runs[0].toFixed(3)), 's');
  line('sessions', SESSIONS, 'count');
  line('report_rows', rows, 'count');
  line('csv_render_seconds', Number(csvS.toFixed(3)), 's');
  line('csv_bytes', csv.length, 'B');
  line('rss_mb', Math.round(process.memoryUsage().rss / 1_048_576), 'MB');
  if (process.env.BENCH_PG !== '0') {
    const server = await PostgresServer.start();
    try {
      const url = await server.createDatabase('report');
      await migratePostgres(url);
      const pg = postgresStore(url);
      const c0 = performance.now();
      await copyTable(sqlite, pg, 'departments', ['id', 'name', 'parent_id', 'created_at']);
      await copyTable(sqlite, pg, 'session_days', ['department_id', 'day', 'vehicle_key', 'vin', 'plate', 'card_no', 'sessions', 'energy_wh', 'amount_fen']);
      await sql`ANALYZE`.execute(pg.db);
      console.error(`# copied the rollup to PostgreSQL in ${((performance.now() - c0) / 1000).toFixed(1)} s`);
      const onPg = await timed(storeReportsRepo(pg));
      if (onPg.report.totals.sessions !== SESSIONS || JSON.stringify(onPg.report.rows) !== JSON.stringify(report.rows)) throw new Error('the report on PostgreSQL differs from SQLite');
      const pgLine = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: 'cloud.report.company.postgres', metric, value, unit }));
      pgLine('seconds', Number(onPg.times[1].toFixed(3)), 's');
      pgLine('seconds_best', Number(onPg.times[0].toFixed(3)), 's');
      pgLine('sessions', SESSIONS, 'count');
      await pg.close();
    } finally {
      await server.close();
    }
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
