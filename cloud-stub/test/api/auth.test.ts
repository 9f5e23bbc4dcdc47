// Login, bearer tokens, throttling, the admin bootstrap and the OpenAPI document.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloud } from '../../index.js';
import { loadMigrations } from '../../src/persistence/sqlite/migrate.js';
import { ADMIN_PASSWORD, startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.close());

describe('login and tokens', () => {
  it('logs in admin and answers /me', async () => {
    const r = await t.call('GET', '/api/v1/me', { token: t.admin });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ id: 1, username: 'admin', role: 'operator', departmentId: null });
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const r = await t.call('POST', '/api/v1/login', { body: { username: 'admin', password: 'nope-nope' } });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ error: 'bad-credentials' });
    expect(r.json.token).toBeUndefined();
  });

  it('names the missing field', async () => {
    const r = await t.call('POST', '/api/v1/login', { body: { username: 'admin' } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'invalid-field', field: 'password' });
  });

  it('requires a token on API routes and rejects an unknown one', async () => {
    expect((await t.call('GET', '/api/v1/departments')).status).toBe(401);
    const r = await t.call('GET', '/api/v1/departments', { token: 'made-up' });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('unauthenticated');
  });

  it('expires tokens after 12 h and forgets them on logout', async () => {
    const tok = await t.login('admin', ADMIN_PASSWORD);
    t.clock.advance(12 * 3600_000 + 1);
    expect((await t.call('GET', '/api/v1/me', { token: tok })).status).toBe(401);
    const tok2 = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.call('POST', '/api/v1/logout', { token: tok2 })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { token: tok2 })).status).toBe(401);
    t.admin = await t.login('admin', ADMIN_PASSWORD);
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    await t.call('POST', '/api/v1/accounts', { token: t.admin, body: { username: 'op2', password: 'op2-password', role: 'operator' } });
    for (let i = 0; i < 5; i++) expect((await t.call('POST', '/api/v1/login', { body: { username: 'op2', password: 'wrong-pass' } })).status).toBe(401);
    const r = await t.call('POST', '/api/v1/login', { body: { username: 'op2', password: 'op2-password' } });
    expect(r.status).toBe(429);
    expect(r.json.error).toBe('too-many-attempts');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(2_000);
    expect((await t.call('POST', '/api/v1/login', { body: { username: 'op2', password: 'op2-password' } })).status).toBe(200);
  });
});

describe('accounts', () => {
  it('validates accounts: fleet needs a real department, usernames are unique', async () => {
    const noDept = await t.call('POST', '/api/v1/accounts', { token: t.admin, body: { username: 'fleet1', password: 'fleet-login-2026', role: 'fleet' } });
    expect(noDept.json).toMatchObject({ error: 'invalid-field', field: 'departmentId' });
    const unknown = await t.call('POST', '/api/v1/accounts', { token: t.admin, body: { username: 'fleet1', password: 'fleet-login-2026', role: 'fleet', departmentId: 999 } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: 'unknown-department', field: 'departmentId' });
    const short = await t.call('POST', '/api/v1/accounts', { token: t.admin, body: { username: 'fleet1', password: 'short', role: 'operator' } });
    expect(short.json.field).toBe('password');
    const dup = await t.call('POST', '/api/v1/accounts', { token: t.admin, body: { username: 'admin', password: 'fleet-login-2026', role: 'operator' } });
    expect(dup.status).toBe(409);
    expect(dup.json.field).toBe('username');
  });

  it('lists accounts without password hashes', async () => {
    const r = await t.call('GET', '/api/v1/accounts', { token: t.admin });
    expect(r.status).toBe(200);
    expect(r.text).not.toContain('scrypt');
    expect(r.json[0]).toEqual({ id: 1, username: 'admin', role: 'operator', departmentId: null, disabledAt: null });
  });
});

describe('OpenAPI', () => {
  it('serves the document without a token, listing every resource', async () => {
    const r = await t.call('GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/login', '/api/v1/departments/{id}/top-ups', '/api/v1/vehicles/import', '/api/v1/reports/company', '/api/v1/stations/{id}/piles'])
      expect(Object.keys(r.json.paths)).toContain(p);
  });
});

describe('admin bootstrap', () => {
  it('generates an admin password once, and keeps the database on restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilegate-cloud-'));
    try {
      const first = await startCloud({ dataDir: dir, httpPort: 0, mqttPort: 0 });
      const pw = first.generatedAdminPassword;
      expect(pw).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
      await first.close();
      const second = await startCloud({ dataDir: dir, httpPort: 0, mqttPort: 0, adminPassword: 'ignored-now' });
      expect(second.generatedAdminPassword).toBeNull();
      const r = await fetch(`${second.httpUrl}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
      expect(r.status).toBe(200);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
