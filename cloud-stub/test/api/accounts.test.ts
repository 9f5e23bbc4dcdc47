// Account lifecycle over HTTP: usernames unique regardless of case, the password policy, disable /
// re-enable (logins end at once), delete, a new password set by the operator, each account changing
// its own, the last operator protected, and every refused login logged with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { inProcessCli } from '../cli/cli-in-process.js';

let t: TestCloud;
let dept: number;
const authLog: { level: string; msg: string; [k: string]: unknown }[] = [];
beforeAll(async () => {
  t = await startTestCloud(':memory:', { authLog: (level, obj, msg) => void authLog.push({ level, msg, ...obj }) });
  dept = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '车队' } })).json.id;
});
afterAll(() => t.close());

const op = (method: string, path: string, body?: unknown) => t.call(method, path, { token: t.admin, body });
const fleet = (username: string, password = 'fleet-login-2026') => op('POST', '/api/v1/accounts', { username, password, role: 'fleet', departmentId: dept });
const loginStatus = async (username: string, password: string) => (await t.call('POST', '/api/v1/login', { body: { username, password } })).status;

describe('accounts', () => {
  it('treats ADMIN as admin: no second account, and login ignores case', async () => {
    const r = await op('POST', '/api/v1/accounts', { username: 'ADMIN', password: 'another-admin-pw', role: 'operator' });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: 'duplicate-username', message: expect.stringContaining('as admin') });
    expect(await loginStatus('Admin', ADMIN_PASSWORD)).toBe(200);
  });

  it.each(['12345678', '1234567890', 'password123', 'aaaaaaaaaaaa'])('refuses the password %j', async (password) => {
    const r = await fleet('weakling', password);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'weak-password', field: 'password' });
    expect((await op('GET', '/api/v1/accounts')).json.map((a: { username: string }) => a.username)).not.toContain('weakling');
  });

  it('disables an account: its token stops working at once, it cannot log in, and comes back when re-enabled', async () => {
    const a = (await fleet('dispatch-1')).json;
    const token = await t.login('dispatch-1', 'fleet-login-2026');
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(200);
    const off = await op('PATCH', `/api/v1/accounts/${a.id}`, { disabled: true });
    expect(off.json).toMatchObject({ username: 'dispatch-1', disabledAt: expect.any(String) });
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(401);
    const refused = await t.call('POST', '/api/v1/login', { body: { username: 'dispatch-1', password: 'fleet-login-2026' } });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe('account-disabled');
    // Wrong password on a disabled account: the same answer as for any wrong password.
    expect(await loginStatus('dispatch-1', 'not-the-password')).toBe(401);
    expect((await op('PATCH', `/api/v1/accounts/${a.id}`, { disabled: false })).json.disabledAt).toBeNull();
    expect(await loginStatus('dispatch-1', 'fleet-login-2026')).toBe(200);
  });

  it('sets a new password for an account: the old one and its logins end', async () => {
    const a = (await fleet('dispatch-2')).json;
    const token = await t.login('dispatch-2', 'fleet-login-2026');
    expect((await op('PATCH', `/api/v1/accounts/${a.id}`, { password: '1234567890' })).json.error).toBe('weak-password');
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await op('PATCH', `/api/v1/accounts/${a.id}`, { password: 'reset-by-operator-7' })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(401);
    expect(await loginStatus('dispatch-2', 'fleet-login-2026')).toBe(401);
    expect(await loginStatus('dispatch-2', 'reset-by-operator-7')).toBe(200);
  });

  it('lets an account change its own password with the current one, keeping only the session that changed it', async () => {
    await fleet('dispatch-3');
    const here = await t.login('dispatch-3', 'fleet-login-2026');
    const elsewhere = await t.login('dispatch-3', 'fleet-login-2026');
    const change = (currentPassword: string, newPassword: string) => t.call('POST', '/api/v1/me/password', { token: here, body: { currentPassword, newPassword } });
    expect((await change('wrong-current-pw', 'my-new-password-1')).json).toMatchObject({ error: 'bad-credentials', field: 'currentPassword' });
    expect((await change('fleet-login-2026', 'qwertyuiop')).json).toMatchObject({ error: 'weak-password', field: 'newPassword' });
    expect((await change('fleet-login-2026', 'my-new-password-1')).status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { token: here })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { token: elsewhere })).status).toBe(401);
    expect(await loginStatus('dispatch-3', 'my-new-password-1')).toBe(200);
  });

  it('deletes an account; a fleet account may not manage accounts', async () => {
    const a = (await fleet('dispatch-4')).json;
    const token = await t.login('dispatch-4', 'fleet-login-2026');
    expect((await t.call('PATCH', `/api/v1/accounts/${a.id}`, { token, body: { disabled: true } })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/accounts/1`, { token })).status).toBe(403);
    expect((await op('DELETE', `/api/v1/accounts/${a.id}`)).status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await op('GET', `/api/v1/accounts/${a.id}`)).status).toBe(404);
    expect((await fleet('dispatch-4')).status).toBe(201);
  });

  it('never disables or deletes the last enabled operator', async () => {
    expect((await op('PATCH', '/api/v1/accounts/1', { disabled: true })).json).toMatchObject({ error: 'last-operator' });
    expect((await op('DELETE', '/api/v1/accounts/1')).json).toMatchObject({ error: 'last-operator' });
    const second = (await op('POST', '/api/v1/accounts', { username: 'night-operator', password: 'night-shift-2026', role: 'operator' })).json;
    expect((await op('PATCH', `/api/v1/accounts/${second.id}`, { disabled: true })).status).toBe(200);
    expect((await op('DELETE', '/api/v1/accounts/1')).json).toMatchObject({ error: 'last-operator' });
  });

  it('logs each refused login with the username, address and reason, never the password', async () => {
    authLog.length = 0;
    await loginStatus('nobody-here', 'some-password-1');
    await loginStatus('admin', 'wrong-password-1');
    const refused = authLog.filter((l) => l.msg === 'login refused');
    expect(refused.map((l) => [l.username, l.reason])).toEqual([
      ['nobody-here', 'unknown-username'],
      ['admin', 'wrong-password'],
    ]);
    expect(refused.every((l) => typeof l.address === 'string' && l.level === 'warn')).toBe(true);
    expect(JSON.stringify(authLog)).not.toContain('wrong-password-1');
  });
});

describe('the account commands', () => {
  it('disable, enable, passwd USER, passwd (own) and delete, naming accounts by username in any case', async () => {
    t.clock.advance(20 * 60_000); // past the throttle the refused logins above set off for this address
    await fleet('Yard-Clerk');
    const cli = inProcessCli(t.cloud.httpUrl, t.admin);
    const env = (vars: Record<string, string>) => Object.assign(process.env, vars);
    try {
      expect((await cli.run(['account', 'disable', 'yard-clerk'])).stdout).toBe('account Yard-Clerk disabled\n');
      expect((await cli.run(['account', 'list'])).stdout).toMatch(/Yard-Clerk\s+fleet\s+\d+\s+disabled 20/);
      expect(await loginStatus('yard-clerk', 'fleet-login-2026')).toBe(403);
      expect((await cli.run(['account', 'enable', 'YARD-CLERK'])).stdout).toBe('account Yard-Clerk enabled\n');
      env({ PILEGATE_NEW_PASSWORD: 'set-by-the-cli-1' });
      expect((await cli.run(['account', 'passwd', 'yard-clerk'])).stdout).toContain('new password set for Yard-Clerk');
      expect(await loginStatus('Yard-Clerk', 'set-by-the-cli-1')).toBe(200);
      const own = inProcessCli(t.cloud.httpUrl, await t.login('yard-clerk', 'set-by-the-cli-1'));
      try {
        env({ PILEGATE_CLOUD_PASSWORD: 'set-by-the-cli-1', PILEGATE_NEW_PASSWORD: 'changed-by-myself-2' });
        expect((await own.run(['account', 'passwd'])).stdout).toContain('password changed');
        env({ PILEGATE_CLOUD_PASSWORD: 'changed-by-myself-2', PILEGATE_NEW_PASSWORD: '1234567890' });
        expect((await own.run(['account', 'passwd'])).error).toMatch(/run of keys or digits/);
      } finally {
        own.close();
      }
      expect(await loginStatus('yard-clerk', 'changed-by-myself-2')).toBe(200);
      expect((await cli.run(['account', 'delete', 'Yard-Clerk'])).stdout).toBe('account Yard-Clerk deleted\n');
      expect((await cli.run(['account', 'disable', 'yard-clerk'])).error).toMatch(/no account yard-clerk/);
    } finally {
      delete process.env.PILEGATE_NEW_PASSWORD;
      delete process.env.PILEGATE_CLOUD_PASSWORD;
      cli.close();
    }
  });
});
