// Stations (administrator, fixed password write-only and versioned, tariff with 尖峰平谷 periods)
// and piles (secret returned once, stored hashed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
  await t.call('POST', '/api/v1/members', { token: t.admin, body: { kind: 'virtual', name: '站点通卡A' } });
});
afterAll(() => t.close());

const post = (path: string, body: unknown) => t.call('POST', path, { token: t.admin, body });
const tou = {
  fenPerKwh: 100,
  periods: [
    { name: '谷', start: '23:00', end: '07:00', fenPerKwh: 40 },
    { name: '峰', start: '08:00', end: '11:00', fenPerKwh: 150 },
  ],
};

describe('stations', () => {
  it('creates a station with administrator, fixed password and tariff; never returns the password', async () => {
    const r = await post('/api/v1/stations', { name: '北站', adminMemberId: 1, fixedPassword: '8888', tariff: tou });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: 1, name: '北站', adminMemberId: 1, fixedPasswordSet: true, fixedPasswordVersion: 1, tariff: tou, pileIds: [] });
    expect(r.text).not.toContain('8888');
    expect((await t.call('GET', '/api/v1/stations', { token: t.admin })).json).toHaveLength(1);
  });

  it('defaults to a zero flat tariff', async () => {
    const r = await post('/api/v1/stations', { name: '南站' });
    expect(r.json.tariff).toEqual({ fenPerKwh: 0, periods: [] });
    expect(r.json.fixedPasswordSet).toBe(false);
  });

  it.each([
    [{ name: '北站' }, 'name', 409],
    [{ name: 'x', adminMemberId: 9 }, 'adminMemberId', 400],
    [{ name: 'x', fixedPassword: 'abc' }, 'fixedPassword', 400],
    [{ name: 'x', tariff: { fenPerKwh: -1 } }, 'tariff.fenPerKwh', 400],
    [{ name: 'x', tariff: { fenPerKwh: 1, periods: [{ name: '峰', start: '25:00', end: '01:00', fenPerKwh: 1 }] } }, 'tariff.periods.0.start', 400],
    [{ name: 'x', tariff: { fenPerKwh: 1, periods: [...tou.periods, { name: '尖', start: '10:00', end: '12:00', fenPerKwh: 1 }] } }, 'tariff.periods.2.start', 400],
    [{ name: 'x', tariff: { fenPerKwh: 1, periods: [{ name: 'peak', start: '10:00', end: '12:00', fenPerKwh: 1 }] } }, 'tariff.periods.0.name', 400],
  ])('refuses %o naming %s', async (body, field, status) => {
    const r = await post('/api/v1/stations', body);
    expect(r.status).toBe(status);
    expect(r.json.field).toBe(field);
  });

  it('changes the fixed password (new version), removes it with null, changes the tariff', async () => {
    const r = await t.call('PATCH', '/api/v1/stations/1', { token: t.admin, body: { fixedPassword: '9999' } });
    expect(r.json).toMatchObject({ fixedPasswordSet: true, fixedPasswordVersion: 2 });
    const off = await t.call('PATCH', '/api/v1/stations/1', { token: t.admin, body: { fixedPassword: null, tariff: { fenPerKwh: 120, periods: [] } } });
    expect(off.json).toMatchObject({ fixedPasswordSet: false, fixedPasswordVersion: 3, tariff: { fenPerKwh: 120, periods: [] } });
    expect((await t.call('PATCH', '/api/v1/stations/9', { token: t.admin, body: { name: 'x' } })).status).toBe(404);
  });
});

describe('piles', () => {
  it('registers a pile and returns its secret once, stored only as a scrypt hash', async () => {
    const r = await post('/api/v1/stations/1/piles', { pileId: 'BJ-001', connectors: 2 });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ pileId: 'BJ-001', stationId: 1, connectors: 2 });
    expect(r.json.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = t.cloud.db.prepare("SELECT secret_hash FROM piles WHERE pile_id = 'BJ-001'").pluck().get() as string;
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain(r.json.secret);
    const get = await t.call('GET', '/api/v1/piles/BJ-001', { token: t.admin });
    expect(get.json).toMatchObject({ pileId: 'BJ-001', stationId: 1, connectors: 2, createdAt: '2024-05-01T00:00:00.000Z' });
    expect((await t.call('GET', '/api/v1/stations/1', { token: t.admin })).json.pileIds).toEqual(['BJ-001']);
  });

  it('rotates a secret', async () => {
    const r = await post('/api/v1/piles/BJ-001/secret', {});
    expect(r.status).toBe(201);
    expect(r.json.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each([
    [{ pileId: 'BJ-001', connectors: 1 }, 'pileId', 409],
    [{ pileId: 'bad/id', connectors: 1 }, 'pileId', 400],
    [{ pileId: 'P+', connectors: 1 }, 'pileId', 400],
    [{ pileId: 'P2', connectors: 0 }, 'connectors', 400],
    [{ pileId: 'P2' }, 'connectors', 400],
  ])('refuses %o naming %s', async (body, field, status) => {
    const r = await post('/api/v1/stations/1/piles', body);
    expect(r.status).toBe(status);
    expect(r.json.field).toBe(field);
  });

  it('404s an unknown station or pile', async () => {
    expect((await post('/api/v1/stations/99/piles', { pileId: 'P9', connectors: 1 })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/piles/NOPE', { token: t.admin })).status).toBe(404);
  });
});
