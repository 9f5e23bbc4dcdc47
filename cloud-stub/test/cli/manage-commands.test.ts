// The CLI commands an operator reaches for after set-up, run in-process against a real cloud:
// `session list` (filters, kWh and yuan, paging line, --json), deleting a department, a member and a
// vehicle (and the refusal when one is in use), changing a vehicle, rotating a pile's secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSessionRecord, aVin, startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { inProcessCli, type InProcessCli } from './cli-in-process.js';

let t: TestCloud;
let d: Depot;
let cli: InProcessCli;
beforeAll(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
  const now = t.clock.now();
  t.clock.set(Date.parse('2024-05-02T12:00:00Z'));
  const base = { stationId: d.station, connectorId: 1 as const, pileId: 'P1' };
  expect(
    t.cloud.ingest(
      aSessionRecord({
        ...base,
        mode: 4,
        credential: { kind: 'vin-button' },
        vin: d.vinA1,
        vinStatus: 'valid',
        payer: { kind: 'department', departmentId: d.a1 },
        meterStopWh: 12_345,
        startedAt: '2024-05-01T05:00:00Z',
        stoppedAt: '2024-05-01T06:00:00Z',
      }),
    ),
  ).toMatchObject({ status: 'ingested' });
  expect(
    t.cloud.ingest(
      aSessionRecord({
        ...base,
        mode: 3,
        credential: { kind: 'card', cardNo: d.cardB.cardNo },
        vin: d.vinB,
        vinStatus: 'valid',
        payer: { kind: 'department', departmentId: d.b },
        meterStopWh: 7_000,
        startedAt: '2024-05-01T03:00:00Z',
        stoppedAt: '2024-05-01T04:00:00Z',
      }),
    ),
  ).toMatchObject({ status: 'ingested' });
  t.clock.set(now);
  cli = inProcessCli(t.cloud.httpUrl, t.admin);
});
afterAll(async () => {
  cli.close();
  await t.close();
});

describe('session list', () => {
  it('lists finished sessions newest first with kWh and yuan, and says which of how many', async () => {
    const r = await cli.run(['session', 'list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^started\s+pile\s+mode\s+by\s+VIN \/ plate\s+dept\s+kWh\s+yuan\s+stop$/);
    expect(lines[2]).toContain('2024-05-01T05:00:00Z');
    expect(lines[2]).toMatch(new RegExp(`P1#1\\s+4\\s+vin-button\\s+${d.vinA1}.*\\s+${d.a1}\\s+12\\.345\\s+12\\.35\\s+bms-full`));
    expect(lines[3]).toContain(`card ${d.cardB.cardNo}`);
    expect(lines.at(-1)).toBe('1–2 of 2 session(s)');
  });

  it("filters by department, VIN and page; --json gives the server's page", async () => {
    expect((await cli.run(['session', 'list', '--dept', String(d.b)])).stdout).toContain('1–1 of 1 session(s)');
    expect((await cli.run(['session', 'list', '--vin', d.vinA1])).stdout).not.toContain(d.vinB);
    const json = JSON.parse((await cli.run(['--json', 'session', 'list', '--page-size', '1', '--page', '2'])).stdout);
    expect(json).toMatchObject({ page: 2, pageSize: 1, total: 2, items: [{ vin: d.vinB, amountFen: 700 }] });
  });
});

describe('deleting and changing', () => {
  it('deletes an empty department and refuses one in use, naming why', async () => {
    const id = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '临时车队' } })).json.id;
    expect((await cli.run(['dept', 'delete', String(id)])).stdout).toBe(`department ${id} deleted\n`);
    expect((await t.call('GET', `/api/v1/departments/${id}`, { token: t.admin })).status).toBe(404);
    const inUse = await cli.run(['dept', 'delete', String(d.a1)]);
    expect(inUse.code).toBe(1);
    expect(inUse.error).toBe(`department ${d.a1} cannot be deleted: members belong to it`);
  });

  it('deletes a member by name', async () => {
    await t.call('POST', '/api/v1/members', { token: t.admin, body: { kind: 'virtual', name: '备用卡' } });
    expect((await cli.run(['member', 'delete', '备用卡'])).stdout).toMatch(/^member \d+ \(备用卡\) deleted\n$/);
    expect((await t.call('GET', `/api/v1/members?q=${encodeURIComponent('备用卡')}`, { token: t.admin })).json).toEqual([]);
  });

  it("changes a vehicle's plate and deletes it", async () => {
    const vin = aVin(777);
    await t.call('POST', '/api/v1/vehicles', { token: t.admin, body: { vin, plate: '沪A77777D', departmentId: d.a } });
    expect((await cli.run(['vehicle', 'set', vin, '--plate', '沪A77778D'])).stdout).toBe(`vehicle ${vin} 沪A77778D in department ${d.a}\n`);
    expect((await cli.run(['vehicle', 'set', vin])).error).toMatch(/nothing to change/);
    expect((await cli.run(['vehicle', 'delete', vin])).stdout).toBe(`vehicle ${vin} deleted\n`);
    expect((await t.call('GET', `/api/v1/vehicles/${vin}`, { token: t.admin })).status).toBe(404);
  });

  it("rotates a pile's secret: a new one is printed once", async () => {
    const r = await cli.run(['pile', 'rotate-secret', 'P1']);
    expect(r.code).toBe(0);
    const secret = /new MQTT secret \(shown only now\): (\S+)/.exec(r.stdout)?.[1];
    expect(secret).toMatch(/^[\w-]{24,}$/);
    expect(r.stdout).toContain('the old secret no longer connects');
  });
});
