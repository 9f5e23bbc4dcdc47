// Departments: CRUD, validation naming the field, stop-password versions (write-only), fund-pool
// top-ups, corrections and ledger, station binding, and deletion only when empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.close());

const post = (path: string, body: unknown) => t.call('POST', path, { token: t.admin, body });

describe('departments', () => {
  it('creates a tree and reads it back without the stop password', async () => {
    const top = await post('/api/v1/departments', { name: '公交一公司', stopPassword: '123456', vinOnly: true, floorFen: -5000 });
    expect(top.status).toBe(201);
    expect(top.json).toEqual({ id: 1, name: '公交一公司', parentId: null, vinOnly: true, floorFen: -5000, balanceFen: 0, stopPasswordSet: true, stopPasswordVersion: 1, stationIds: [] });
    expect(top.text).not.toContain('123456');
    const sub = await post('/api/v1/departments', { name: '一车队', parentId: 1 });
    expect(sub.json).toMatchObject({ id: 2, parentId: 1, vinOnly: false, floorFen: 0, stopPasswordSet: false, stopPasswordVersion: 0 });
    const list = await t.call('GET', '/api/v1/departments', { token: t.admin });
    expect(list.json.map((d: { id: number }) => d.id)).toEqual([1, 2]);
    expect((await t.call('GET', '/api/v1/departments/2', { token: t.admin })).json.name).toBe('一车队');
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x', parentId: 99 }, 'parentId'],
    [{ name: 'x', stopPassword: '12ab' }, 'stopPassword'],
    [{ name: 'x', floorFen: 1.5 }, 'floorFen'],
    [{ name: 'x', balanceFen: 100 }, 'balanceFen'],
    [{}, 'name'],
  ])('refuses %o naming %s', async (body, field) => {
    const r = await post('/api/v1/departments', body);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe(field);
  });

  it('bumps the stop-password version on every change and keeps each version', async () => {
    await t.call('PATCH', '/api/v1/departments/1', { token: t.admin, body: { stopPassword: '654321' } });
    const r = await t.call('PATCH', '/api/v1/departments/1', { token: t.admin, body: { stopPassword: '111111', name: '公交1公司' } });
    expect(r.json).toMatchObject({ name: '公交1公司', stopPasswordVersion: 3, stopPasswordSet: true });
    const versions = t.cloud.db.prepare('SELECT version FROM department_stop_passwords WHERE department_id = 1 ORDER BY version').pluck().all();
    expect(versions).toEqual([1, 2, 3]);
  });

  it('refuses to move a department under its own sub-department', async () => {
    const r = await t.call('PATCH', '/api/v1/departments/1', { token: t.admin, body: { parentId: 2 } });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('parentId');
  });

  it('404s an unknown department', async () => {
    expect((await t.call('GET', '/api/v1/departments/77', { token: t.admin })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/departments/abc', { token: t.admin })).json.field).toBe('id');
  });
});

describe('fund pool', () => {
  it('tops up, refuses negative or fractional top-ups, and corrects with a reason', async () => {
    const up = await post('/api/v1/departments/1/top-ups', { amountFen: 99_999_900, note: '首次充值' });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ kind: 'top-up', amountFen: 99_999_900, balanceAfterFen: 99_999_900, note: '首次充值' });
    for (const amountFen of [-100, 0, 1.5]) {
      const bad = await post('/api/v1/departments/1/top-ups', { amountFen });
      expect(bad.status).toBe(400);
      expect(bad.json.field).toBe('amountFen');
    }
    const noReason = await post('/api/v1/departments/1/corrections', { amountFen: -900 });
    expect(noReason.json.field).toBe('reason');
    const fix = await post('/api/v1/departments/1/corrections', { amountFen: -900, reason: '录入错误' });
    expect(fix.json).toMatchObject({ kind: 'correction', amountFen: -900, balanceAfterFen: 99_999_000, note: '录入错误' });
    expect((await t.call('GET', '/api/v1/departments/1', { token: t.admin })).json.balanceFen).toBe(99_999_000);
    const ledger = await t.call('GET', '/api/v1/departments/1/ledger', { token: t.admin });
    expect(ledger.json.map((e: { kind: string; amountFen: number }) => [e.kind, e.amountFen])).toEqual([
      ['correction', -900],
      ['top-up', 99_999_900],
    ]);
  });

  it('404s a top-up of an unknown department', async () => {
    expect((await post('/api/v1/departments/99/top-ups', { amountFen: 1 })).status).toBe(404);
  });
});

describe('bound stations', () => {
  it('binds stations (replacing the set) and refuses unknown ones', async () => {
    const s1 = (await post('/api/v1/stations', { name: '北站' })).json.id;
    const s2 = (await post('/api/v1/stations', { name: '南站' })).json.id;
    const put = await t.call('PUT', '/api/v1/departments/2/stations', { token: t.admin, body: { stationIds: [s2, s1, s1] } });
    expect(put.json).toEqual({ stationIds: [s1, s2] });
    expect((await t.call('PUT', '/api/v1/departments/2/stations', { token: t.admin, body: { stationIds: [s2] } })).json.stationIds).toEqual([s2]);
    expect((await t.call('GET', '/api/v1/departments/2/stations', { token: t.admin })).json).toEqual({ stationIds: [s2] });
    const bad = await t.call('PUT', '/api/v1/departments/2/stations', { token: t.admin, body: { stationIds: [s2, 42] } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'unknown-station', field: 'stationIds' });
    expect((await t.call('GET', '/api/v1/departments/2/stations', { token: t.admin })).json.stationIds).toEqual([s2]);
  });
});

describe('delete', () => {
  it('refuses a department that has sub-departments or money history, deletes an empty one', async () => {
    expect((await t.call('DELETE', '/api/v1/departments/1', { token: t.admin })).status).toBe(409);
    const empty = (await post('/api/v1/departments', { name: '临时' })).json.id;
    expect((await t.call('DELETE', `/api/v1/departments/${empty}`, { token: t.admin })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/departments/${empty}`, { token: t.admin })).status).toBe(404);
    expect((await t.call('DELETE', '/api/v1/departments/2', { token: t.admin })).status).toBe(204);
    const r = await t.call('DELETE', '/api/v1/departments/1', { token: t.admin });
    expect(r.status).toBe(409);
    expect(r.json.message).toMatch(/ledger/);
  });
});
