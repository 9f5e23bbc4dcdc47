// `login`, `whoami`, `logout` against a real cloud: the token file (mode 0600, per URL), a wrong
// password as one error line with exit 1, PILEGATE_CLOUD_URL, an unreachable cloud, no login.
import { once } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, runCli, startCliCloud, type CliCloud } from './cli-harness.js';

// each command is a child process (~0.8 s idle, several seconds on a loaded 2-core machine)
vi.setConfig({ testTimeout: 180_000, hookTimeout: 250_000 });

let t: CliCloud;
beforeAll(async () => {
  t = await startCliCloud();
});
afterAll(async () => t?.close());

describe('login', () => {
  it('refuses a wrong password with one clear line, exit 1, and saves nothing', async () => {
    const r = await t.run(['login', '--password-stdin'], { stdin: 'not-the-password\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: wrong username or password\n');
    expect(r.stdout).toBe('');
    expect(existsSync(t.tokenFile)).toBe(false);
  });

  it('commands before login say how to log in', async () => {
    const r = await t.run(['dept', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: not logged in to http:\/\/127\.0\.0\.1:\d+: run `cloud-stub login` first\n$/);
  });

  it('saves the token mode 0600 under the URL and whoami uses it (password from the environment)', async () => {
    const out = await t.ok(['login', '-u', 'admin'], { env: { PILEGATE_CLOUD_PASSWORD: ADMIN_PASSWORD } });
    expect(out).toMatch(/^logged in to http:\/\/127\.0\.0\.1:\d+ as admin/);
    expect(statSync(t.tokenFile).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(t.tokenFile, 'utf8'));
    expect(Object.keys(saved.logins)).toEqual([t.url]);
    expect(saved.logins[t.url].token).toMatch(/.{16,}/);
    expect(await t.ok(['whoami'])).toBe(`admin (operator) at ${t.url}\n`);
  });

  it('takes the URL from PILEGATE_CLOUD_URL when --url is absent', async () => {
    const out = await t.ok(['whoami'], { noUrl: true, env: { PILEGATE_CLOUD_URL: t.url } });
    expect(out).toMatch(/^admin \(operator\)/);
  });

  it('says when the cloud cannot be reached', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    server.close();
    await once(server, 'close');
    const url = `http://127.0.0.1:${port}`;
    const r = await runCli(['--url', url, 'login', '--password-stdin'], { PILEGATE_CLOUD_TOKEN_FILE: t.tokenFile }, { stdin: 'x\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: cannot reach the cloud at ${url} (ECONNREFUSED): is \`cloud-stub serve\` running? set --url or PILEGATE_CLOUD_URL\n`);
  });

  it('refuses an empty password and a missing one without a terminal', async () => {
    expect((await t.run(['login', '--password-stdin'], { stdin: '\n' })).stderr).toBe('error: the password is empty\n');
    expect((await t.run(['login'])).stderr).toMatch(/no password: use --password-stdin/);
  });

  it('logout ends the session on the server and forgets the token', async () => {
    const token = JSON.parse(readFileSync(t.tokenFile, 'utf8')).logins[t.url].token;
    expect(await t.ok(['logout'])).toBe(`logged out of ${t.url}\n`);
    const me = await fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    const r = await t.run(['whoami']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not logged in/);
  });
});
