// `cloud-stub serve` as a real process: prints its URLs, creates `admin` with a generated password
// shown once (not again on the next start), serves the API and the OpenAPI document, stops on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const procs: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serve(dataDir: string, extraEnv: Record<string, string> = {}) {
  const p = spawn(process.execPath, ['bin/cloud-stub.js', 'serve', '--data', dataDir, '--http-port', '0', '--mqtt-port', '0'], {
    env: { ...process.env, PILEGATE_ADMIN_PASSWORD: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(p);
  let stderr = '';
  p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<{ httpUrl: string; mqttUrl: string }>((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { httpUrl: string; mqttUrl: string });
    });
    p.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { p, ready, stderr: () => stderr };
}

const login = (url: string, password: string) =>
  fetch(`${url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });

it('serve bootstraps admin once, answers the API and stops cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-serve-'));
  dirs.push(dir);
  const first = serve(join(dir, 'data'));
  const { httpUrl, mqttUrl } = await first.ready;
  expect(mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  const generated = /with the password: (\S+)/.exec(first.stderr())?.[1];
  expect(generated).toBeTruthy();
  expect((await login(httpUrl, 'wrong-password')).status).toBe(401);
  const ok = await login(httpUrl, generated!);
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { token: string }).token).toBeTruthy();
  const openapi = await fetch(`${httpUrl}/api/v1/openapi.json`);
  expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  const exited = new Promise<number | null>((r) => first.p.once('exit', r));
  first.p.kill('SIGTERM');
  expect(await exited).toBe(0);

  const second = serve(join(dir, 'data'));
  const again = await second.ready;
  expect(second.stderr()).not.toContain('with the password');
  expect((await login(again.httpUrl, generated!)).status).toBe(200);
});

it('serve takes the admin password from PILEGATE_ADMIN_PASSWORD', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-serve-'));
  dirs.push(dir);
  const s = serve(join(dir, 'data'), { PILEGATE_ADMIN_PASSWORD: 'depot-operator-2026' });
  const { httpUrl } = await s.ready;
  expect(s.stderr()).not.toContain('with the password');
  expect((await login(httpUrl, 'depot-operator-2026')).status).toBe(200);
});

it('serve logs every refused pile message as one JSON line with the pile, message id and reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-serve-'));
  dirs.push(dir);
  const s = serve(join(dir, 'data'), { PILEGATE_ADMIN_PASSWORD: 'depot-operator-2026' });
  const { httpUrl, mqttUrl } = await s.ready;
  const token = ((await (await login(httpUrl, 'depot-operator-2026')).json()) as { token: string }).token;
  const post = async (path: string, body: unknown) =>
    (await fetch(`${httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })).json() as Promise<any>;
  const station = (await post('/api/v1/stations', { name: '北站', tariff: { fenPerKwh: 100 } })).id;
  const pile = await post(`/api/v1/stations/${station}/piles`, { pileId: 'P-LOG', connectors: 1 });
  const { default: mqtt } = await import('mqtt');
  const client = await mqtt.connectAsync(mqttUrl, { protocolVersion: 4, clientId: 'P-LOG', username: 'P-LOG', password: pile.secret, reconnectPeriod: 0 });
  try {
    await client.publishAsync('pilegate/v1/piles/P-LOG/up/session/events', JSON.stringify({ v: 1, id: 'bad-1', at: '2026-01-01T00:00:00Z', events: [{ nonsense: true }] }), { qos: 1 });
    const end = Date.now() + 10_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < end) {
      line = s
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.messageId === 'bad-1');
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toMatchObject({ level: 'warn', src: 'sync', msg: 'uplink message refused', pileId: 'P-LOG', messageId: 'bad-1', reason: 'invalid' });
  } finally {
    await client.endAsync();
  }
});
