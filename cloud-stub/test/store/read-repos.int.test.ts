// The read repositories on both engines: one depot's sessions and rollup rows (Chinese plates, a card
// used in two departments, an unattributed session, a sub-department) written the same way into SQLite
// and PostgreSQL; both reports and the session list and the disputed sessions, as the operator and as a fleet account, come out
// identical on both — rows, order, pages and totals — and a fleet asking for another company's
// department is told it does not exist.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/actor.js';
import { companyReport, oneCardOneCarReport } from '../../src/domain/reports/reports.service.js';
import { migratePostgres } from '../../src/persistence/postgres/migrate.js';
import { openDatabase } from '../../src/persistence/sqlite/db.js';
import { listRefusals } from '../../src/domain/refusals/refusals.service.js';
import { listDisputedSessions, listSessions } from '../../src/domain/sessions/sessions.service.js';
import { listUnknownVins } from '../../src/domain/vehicles/unknown-vins.service.js';
import { storeRefusalsRepo } from '../../src/store/refusals.store.js';
import { storeReportsRepo } from '../../src/store/reports.store.js';
import { storeSessionsRepo } from '../../src/store/sessions.store.js';
import { postgresStore, sqliteStore, type Store } from '../../src/store/store.js';
import { PostgresServer } from '../providers/postgres-server.js';

const AT = '2024-05-01T08:00:00.000Z';
const OPERATOR: Actor = { accountId: 1, username: 'admin', role: 'operator', departmentId: null };
const FLEET_A: Actor = { accountId: 2, username: 'fleet-a', role: 'fleet', departmentId: 1 };

async function seed(store: Store): Promise<void> {
  const db = store.db;
  await sql`INSERT INTO departments (id, name, parent_id, created_at) VALUES (1, '公交一公司', NULL, ${AT}), (2, '一车队', 1, ${AT}), (3, '公交二公司', NULL, ${AT})`.execute(db);
  await sql`INSERT INTO members (id, kind, name, department_id, created_at) VALUES (1, 'real', '沪A10001', 2, ${AT})`.execute(db);
  await sql`INSERT INTO cards (card_no, member_id, created_at) VALUES ('C-1', 1, ${AT})`.execute(db);
  const sessions: [string, string | null, string | null, number | null, number, number, string][] = [
    ['s1', 'C-1', '沪A10001', 2, 10_000, 1_000, '2024-05-01'],
    ['s2', 'C-1', '沪A10001', 2, 5_500, 550, '2024-05-02'],
    ['s3', 'C-1', '沪A10001', 3, 1_000, 100, '2024-05-02'],
    ['s4', 'C-2', null, null, 2_000, 200, '2024-05-02'],
    ['s5', null, '苏B20002', 1, 7_000, 700, '2024-05-03'],
  ];
  for (const [id, card, plate, dept, wh, fen, day] of sessions)
    await sql`INSERT INTO sessions (session_id, pile_id, connector_id, station_id, mode, credential_kind, card_no, vin_status, plate, payer_kind, payer_id, department_id,
        vehicle_key, meter_start_wh, meter_stop_wh, energy_wh, amount_fen, billed, started_at, started_ms, stopped_at, day, stop_reason, ingested_at)
      VALUES (${id}, 'P1', 1, 1, 2, 'card', ${card}, 'absent', ${plate}, 'department', 1, ${dept}, ${plate ?? card ?? 'unknown'}, 0, ${wh}, ${wh}, ${fen}, 1, ${AT}, ${Date.parse(`${day}T08:00:00Z`)}, ${AT}, ${day}, 'user', ${AT})`.execute(
      db,
    );
  const days: [number, string, string, string | null, string | null, string | null, number, number, number][] = [
    [2, '2024-05-01', '沪A10001', null, '沪A10001', 'C-1', 1, 10_000, 1_000],
    [2, '2024-05-02', '沪A10001', null, '沪A10001', 'C-1', 1, 5_500, 550],
    [3, '2024-05-02', '沪A10001', null, '沪A10001', 'C-1', 1, 1_000, 100],
    [0, '2024-05-02', 'card:C-2', null, null, 'C-2', 1, 2_000, 200],
    [1, '2024-05-03', 'LZYTBGBW0LA000777', 'LZYTBGBW0LA000777', '苏B20002', null, 1, 7_000, 700],
    [1, '2024-05-03', 'LZYTBGBW0LA000888', 'LZYTBGBW0LA000888', 'A-first-by-bytes', null, 2, 3_000, 300],
  ];
  await sql`INSERT INTO stations (id, name, tariff_json, created_at) VALUES (1, '一号场站', '{}', ${AT})`.execute(db);
  await sql`INSERT INTO vehicles (vin, plate, department_id, created_at, updated_at) VALUES ('LZYTBGBW0LA000777', '苏B20002', 1, ${AT}, ${AT})`.execute(db);
  // Piles send times with and without fractions, in UTC or with an offset: ordered and filtered as instants.
  const refusals: [string, string, string, number | null][] = [
    ['r1', '2024-05-01T08:00:00Z', 'card-unknown', null],
    ['r2', '2024-05-01T16:00:00.500+08:00', 'not-bound', 2],
    ['r3', '2024-05-01T08:00:00.250Z', 'vin-unregistered', 1],
    ['r4', '2024-05-02T01:00:00Z', 'cannot-pay', 3],
  ];
  for (const [id, at, reason, dept] of refusals)
    await sql`INSERT INTO refusals (id, pile_id, connector_id, station_id, at, credential_kind, reason, department_id, received_at)
      VALUES (${id}, 'P1', 1, 1, ${at}, 'card', ${reason}, ${dept}, ${AT})`.execute(db);
  for (const [vin, last] of [
    ['LZYTBGBW0LA000999', '2024-05-01T09:00:00Z'],
    ['LZYTBGBW0LA000777', '2024-05-02T09:00:00Z'], // registered since: not listed
    ['LZYTBGBW0LA000111', '2024-05-01T17:30:00.100+08:00'],
  ])
    await sql`INSERT INTO unknown_vins (vin, station_id, pile_id, first_at, last_at, count, last_outcome) VALUES (${vin}, 1, 'P1', ${AT}, ${last}, 2, 'refused')`.execute(db);
  for (const [sid, station, received] of [
    ['d1', 1, '2024-05-02T00:00:00.000Z'],
    ['d2', 2, '2024-05-03T00:00:00.000Z'],
  ] as const)
    await sql`INSERT INTO disputed_sessions (pile_id, session_id, station_id, reason, detail, record_json, received_at)
      VALUES ('P1', ${sid}, ${station}, 'payer-mismatch', '付款方不符', ${JSON.stringify({ sessionId: sid, energyWh: 10 })}, ${received})`.execute(db);
  for (const [dept, day, key, vin, plate, card, n, wh, fen] of days)
    await sql`INSERT INTO session_days (department_id, day, vehicle_key, vin, plate, card_no, sessions, energy_wh, amount_fen)
      VALUES (${dept}, ${day}, ${key}, ${vin}, ${plate}, ${card}, ${n}, ${wh}, ${fen})`.execute(db);
}

let server: PostgresServer;
let lite: Store;
let pg: Store;
beforeAll(async () => {
  server = await PostgresServer.start();
  const url = await server.createDatabase('reports');
  await migratePostgres(url);
  pg = postgresStore(url);
  lite = sqliteStore(openDatabase(':memory:'));
  await seed(lite);
  await seed(pg);
}, 60_000);
afterAll(async () => {
  await pg?.close();
  await server?.close();
});

describe('reports on SQLite and PostgreSQL', () => {
  it('the company report: the same rows, order and totals on both, for the operator and a fleet', async () => {
    const run = (store: Store, actor: Actor, departmentId?: number) => companyReport(storeReportsRepo(store), actor, { departmentId, from: '2024-05-01', to: '2024-05-31' }, 480);
    const all = await run(lite, OPERATOR);
    expect(all.totals).toEqual({ sessions: 6, energyWh: 26_500, amountFen: 2_650 }); // the unattributed row is in no company report
    expect(all.rows.map((r) => r.plate)).toEqual(['沪A10001', '沪A10001', '沪A10001', 'A-first-by-bytes', '苏B20002']);
    expect(await run(pg, OPERATOR)).toEqual(all);
    const fleet = await run(lite, FLEET_A);
    expect(fleet.totals.sessions).toBe(5);
    expect(await run(pg, FLEET_A)).toEqual(fleet);
    await expect(run(pg, FLEET_A, 3)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(run(lite, FLEET_A, 3)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('one card one car: per card and department, member and plate, the same on both', async () => {
    const run = (store: Store, actor: Actor) => oneCardOneCarReport(storeReportsRepo(store), actor, { from: '2024-05-01', to: '2024-05-31' }, 480);
    const all = await run(lite, OPERATOR);
    expect(all.rows.map((r) => [r.cardNo, r.departmentId, r.sessions, r.energyWh, r.memberName])).toEqual([
      ['C-1', 2, 2, 15_500, '沪A10001'],
      ['C-1', 3, 1, 1_000, '沪A10001'],
      ['C-2', null, 1, 2_000, null],
    ]);
    expect(await run(pg, OPERATOR)).toEqual(all);
    expect(await run(pg, FLEET_A)).toEqual(await run(lite, FLEET_A));
  });

  it('the session list: the same pages, order and totals on both; a fleet sees its subtree only', async () => {
    const run = (store: Store, actor: Actor, q: Parameters<typeof listSessions>[2] = {}) => listSessions(storeSessionsRepo(store), actor, q, 480);
    const all = await run(lite, OPERATOR, { pageSize: 2 });
    expect(all.total).toBe(5);
    expect(all.items.map((x) => x.sessionId)).toEqual(['s5', 's2']); // newest first, ties by id
    expect(all.items[0]).toMatchObject({ billed: true, energyWh: 7_000, departmentId: 1 });
    expect(await run(pg, OPERATOR, { pageSize: 2 })).toEqual(all);
    expect(await run(pg, OPERATOR, { page: 2, pageSize: 2 })).toEqual(await run(lite, OPERATOR, { page: 2, pageSize: 2 }));
    const fleet = await run(lite, FLEET_A);
    expect(fleet.items.map((x) => x.sessionId).sort()).toEqual(['s1', 's2', 's5']);
    expect(await run(pg, FLEET_A)).toEqual(fleet);
    expect((await run(pg, OPERATOR, { cardNo: ' c-1 ' })).total).toBe(3);
    expect((await run(pg, OPERATOR, { from: '2024-05-02', to: '2024-05-02' })).total).toBe(3);
    await expect(run(pg, FLEET_A, { departmentId: 3 })).rejects.toMatchObject({ kind: 'not-found' });
    const disputed = await listDisputedSessions(storeSessionsRepo(lite), OPERATOR, {});
    expect(disputed.map((d) => [d.sessionId, d.record])).toEqual([
      ['d2', { sessionId: 'd2', energyWh: 10 }],
      ['d1', { sessionId: 'd1', energyWh: 10 }],
    ]);
    expect(await listDisputedSessions(storeSessionsRepo(pg), OPERATOR, {})).toEqual(disputed);
    expect((await listDisputedSessions(storeSessionsRepo(pg), OPERATOR, { stationId: 1 })).map((d) => d.sessionId)).toEqual(['d1']);
    await expect(listDisputedSessions(storeSessionsRepo(pg), FLEET_A, {})).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refusals and unknown VINs: ordered and filtered as instants, the same on both', async () => {
    const refusals = (store: Store, actor: Actor, q: Parameters<typeof listRefusals>[2] = {}) => listRefusals(storeRefusalsRepo(store), actor, q, 480);
    const all = await refusals(lite, OPERATOR);
    expect(all.items.map((r) => r.id)).toEqual(['r4', 'r2', 'r3', 'r1']);
    expect(await refusals(pg, OPERATOR)).toEqual(all);
    const fleet = await refusals(pg, FLEET_A);
    expect(fleet.items.map((r) => r.id)).toEqual(['r2', 'r3']);
    expect(await refusals(lite, FLEET_A)).toEqual(fleet);
    const window = { from: '2024-05-01T08:00:00.100Z', to: '2024-05-01T08:00:00.600Z' };
    expect((await refusals(pg, OPERATOR, window)).items.map((r) => r.id)).toEqual(['r2', 'r3']);
    expect(await refusals(lite, OPERATOR, window)).toEqual(await refusals(pg, OPERATOR, window));
    const vins = await listUnknownVins(storeRefusalsRepo(lite), OPERATOR);
    expect(vins.map((v) => v.vin)).toEqual(['LZYTBGBW0LA000111', 'LZYTBGBW0LA000999']); // 17:30+08:00 is after 09:00Z
    expect(vins[0]).toMatchObject({ stationName: '一号场站', count: 2, lastOutcome: 'refused' });
    expect(await listUnknownVins(storeRefusalsRepo(pg), OPERATOR)).toEqual(vins);
    await expect(listUnknownVins(storeRefusalsRepo(pg), FLEET_A)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
