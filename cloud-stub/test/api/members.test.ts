// Members and cards: virtual/real members, department checks, one card per member, the member's own
// balance, and deletion rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
let dept: number;
beforeAll(async () => {
  t = await startTestCloud();
  dept = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '部门1' } })).json.id;
});
afterAll(() => t.close());

const post = (path: string, body: unknown) => t.call('POST', path, { token: t.admin, body });

describe('members', () => {
  it('creates a virtual station-card member and a real plate-named member in a department', async () => {
    const site = await post('/api/v1/members', { kind: 'virtual', name: '站点通卡A' });
    expect(site.status).toBe(201);
    expect(site.json).toEqual({ id: 1, kind: 'virtual', name: '站点通卡A', departmentId: null, balanceFen: 0, cards: [] });
    const real = await post('/api/v1/members', { kind: 'real', name: '沪A32567', departmentId: dept });
    expect(real.json).toMatchObject({ id: 2, kind: 'real', departmentId: dept });
    expect((await t.call('GET', '/api/v1/members?q=沪A', { token: t.admin })).json.map((m: { id: number }) => m.id)).toEqual([2]);
  });

  it.each([
    [{ kind: 'robot', name: 'x' }, 'kind'],
    [{ kind: 'real', name: '  ' }, 'name'],
    [{ kind: 'real', name: 'x', departmentId: 99 }, 'departmentId'],
  ])('refuses %o naming %s', async (body, field) => {
    const r = await post('/api/v1/members', body);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe(field);
  });

  it('edits a member', async () => {
    const r = await t.call('PATCH', '/api/v1/members/1', { token: t.admin, body: { name: '站点通卡B' } });
    expect(r.json).toMatchObject({ name: '站点通卡B', kind: 'virtual' });
  });
});

describe('cards', () => {
  it('binds a card (normalised), refuses duplicates and cards bound elsewhere, unbinds', async () => {
    const r = await post('/api/v1/members/1/cards', { cardNo: 'ca:fe:00:01' });
    expect(r.status).toBe(201);
    expect(r.json.cards).toEqual(['CAFE0001']);
    const again = await post('/api/v1/members/1/cards', { cardNo: 'CAFE0001' });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: 'duplicate-card', field: 'cardNo' });
    const elsewhere = await post('/api/v1/members/2/cards', { cardNo: 'CAFE0001' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.json).toMatchObject({ error: 'card-bound-elsewhere', field: 'cardNo' });
    const bad = await post('/api/v1/members/2/cards', { cardNo: '卡1' });
    expect(bad.json).toMatchObject({ error: 'invalid-card', field: 'cardNo' });
    expect((await t.call('DELETE', '/api/v1/members/1/cards/CAFE0001', { token: t.admin })).json.cards).toEqual([]);
    expect((await t.call('DELETE', '/api/v1/members/1/cards/CAFE0001', { token: t.admin })).status).toBe(404);
    expect((await post('/api/v1/members/2/cards', { cardNo: 'CAFE0001' })).json.cards).toEqual(['CAFE0001']);
  });
});

describe('member balance', () => {
  it('tops up the member itself (station card account) and refuses negative amounts', async () => {
    const r = await post('/api/v1/members/1/top-ups', { amountFen: 99_999_900, note: 'station card' });
    expect(r.json.balanceAfterFen).toBe(99_999_900);
    expect((await post('/api/v1/members/1/top-ups', { amountFen: -1 })).json.field).toBe('amountFen');
    expect((await post('/api/v1/members/1/corrections', { amountFen: 100, reason: '补差' })).json.balanceAfterFen).toBe(100_000_000);
    expect((await t.call('GET', '/api/v1/members/1', { token: t.admin })).json.balanceFen).toBe(100_000_000);
    expect((await t.call('GET', '/api/v1/members/1/ledger', { token: t.admin })).json).toHaveLength(2);
  });
});

describe('delete', () => {
  it('refuses a member with money history or administering a station; deletes a fresh one with its cards', async () => {
    expect((await t.call('DELETE', '/api/v1/members/1', { token: t.admin })).status).toBe(409);
    const st = (await post('/api/v1/stations', { name: '北站', adminMemberId: 2 })).json.id;
    expect((await t.call('DELETE', '/api/v1/members/2', { token: t.admin })).json.error).toBe('member-in-use');
    await t.call('PATCH', `/api/v1/stations/${st}`, { token: t.admin, body: { adminMemberId: null } });
    expect((await t.call('DELETE', '/api/v1/members/2', { token: t.admin })).status).toBe(204);
    expect(t.cloud.db.prepare("SELECT COUNT(*) FROM cards WHERE card_no = 'CAFE0001'").pluck().get()).toBe(0);
  });
});
