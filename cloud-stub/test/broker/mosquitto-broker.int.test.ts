// Interop with a real mosquitto 2: `writeMosquittoFiles` (what `cloud-stub broker mosquitto-config`
// runs) turns the cloud database into mosquitto.conf/passwd/acl; mosquitto started on a free port in a
// temp folder then enforces the pile policy for mqtt.js and mosquitto_pub clients, and a SIGHUP after
// a rotation reloads the files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PILES_UP_FILTER, downTopic, upTopic } from '../../../pile-agent/contract.js';
import { writeMosquittoFiles } from '../../src/broker/mosquitto-files.js';
import { verifyMosquittoHash } from '../../src/shared/mosquitto-hash.js';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { closed, connectTo, endAll, registerPiles, until } from './mqtt-helpers.js';

let t: TestCloud;
let dir: string;
let mosq: ChildProcess;
let url = '';
let port = 0;
let secrets: Record<string, string>;
let cloudPassword = '';
let confPath = '';

const freePort = () =>
  new Promise<number>((r) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => r(p));
    });
  });
const writeFiles = () => writeMosquittoFiles(join(dir, 'data'), join(dir, 'mosq'), { host: '127.0.0.1', port, user: process.getuid?.() === 0 ? 'root' : undefined });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pilegate-mosq-'));
  t = await startTestCloud(join(dir, 'data'));
  secrets = await registerPiles(t, ['M1', 'M2']);
  port = await freePort();
  url = `mqtt://127.0.0.1:${port}`;
  const w = await writeFiles();
  confPath = w.confPath;
  cloudPassword = readFileSync(w.cloudPasswordPath, 'utf8').trim();
  mosq = spawn('mosquitto', ['-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let up = false;
  const end = Date.now() + 10_000;
  while (!up && Date.now() < end) {
    const c = await connectTo(url, { clientId: 'probe', username: 'cloud@main', password: cloudPassword, connectTimeout: 500 });
    up = !c.error;
    c.client.end(true);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  expect(up).toBe(true);
}, 30_000);
afterAll(async () => {
  endAll();
  mosq?.kill('SIGTERM');
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const pile = (id: string, password = secrets[id]) => connectTo(url, { clientId: id, username: id, password });
const cloud = () => connectTo(url, { clientId: `cloud-${Math.random()}`, username: 'cloud@main', password: cloudPassword });

describe('mosquitto with the generated files', () => {
  it('writes secrets 0600 and $7$ hashes of the pile secrets', () => {
    const passwd = readFileSync(join(dir, 'mosq', 'passwd'), 'utf8');
    const m1 = passwd
      .split('\n')
      .find((l) => l.startsWith('M1:'))!
      .slice(3);
    expect(verifyMosquittoHash(secrets.M1, m1)).toBe(true);
    for (const f of ['passwd', 'acl', 'cloud-password']) expect(statSync(join(dir, 'mosq', f)).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong secret (CONNACK 5)', async () => {
    expect((await pile('M1', 'wrong')).error?.code).toBe(5);
  });

  it('pile M1 connecting with client id M2 does not take over M2 (the client id is forced to the username)', async () => {
    const m2 = await pile('M2');
    const m1 = await connectTo(url, { clientId: 'M2', username: 'M1', password: secrets.M1 });
    expect(m1.error).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(m2.client.connected).toBe(true);
    await m1.client.endAsync();
    await m2.client.endAsync();
  });

  it('a pile publishes only its own up/; the cloud user reads every up/', async () => {
    const c = await cloud();
    const got: string[] = [];
    c.client.on('message', (topic) => got.push(topic));
    await c.client.subscribeAsync(ALL_PILES_UP_FILTER, { qos: 1 });
    const m1 = await pile('M1');
    await m1.client.publishAsync(upTopic('M2', 'session'), 'forged', { qos: 1 });
    await m1.client.publishAsync(upTopic('M1', 'session'), 'own', { qos: 1 });
    await until(() => got.includes(upTopic('M1', 'session')));
    expect(got).not.toContain(upTopic('M2', 'session'));
    await m1.client.endAsync();
    await c.client.endAsync();
  });

  it('a pile reads only its own down/, never another pile down/ or up/; the cloud user writes down/', async () => {
    const m1 = await pile('M1');
    const got: string[] = [];
    m1.client.on('message', (topic) => got.push(topic));
    await m1.client.subscribeAsync([downTopic('M1', 'cmd'), downTopic('M2', 'cmd'), upTopic('M2', 'session')], { qos: 1 });
    const c = await cloud();
    await c.client.publishAsync(downTopic('M2', 'cmd'), 'x', { qos: 1 });
    const m2 = await pile('M2');
    await m2.client.publishAsync(upTopic('M2', 'session'), 'x', { qos: 1 });
    await c.client.publishAsync(downTopic('M1', 'cmd'), 'x', { qos: 1 });
    await until(() => got.includes(downTopic('M1', 'cmd')));
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual([downTopic('M1', 'cmd')]);
    for (const x of [m1, m2, c]) await x.client.endAsync();
  });

  it('mosquitto_pub as a pile reaches the cloud user', async () => {
    const c = await cloud();
    const got = new Promise<string>((r) => c.client.once('message', (_t, p) => r(p.toString())));
    await c.client.subscribeAsync(ALL_PILES_UP_FILTER, { qos: 1 });
    const code = await new Promise<number | null>((r) =>
      spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv311', '-i', 'M2', '-u', 'M2', '-P', secrets.M2, '-t', upTopic('M2', 'heartbeat'), '-m', 'hb', '-q', '1']).on(
        'exit',
        r,
      ),
    );
    expect(code).toBe(0);
    expect(await got).toBe('hb');
    await c.client.endAsync();
  });

  it('after a rotation, rewriting the files and SIGHUP: the old secret is refused, the new one works', async () => {
    const m2 = await pile('M2');
    expect(m2.error).toBeUndefined();
    const old = secrets.M2;
    secrets.M2 = (await t.call('POST', '/api/v1/piles/M2/rotate-secret', { token: t.admin, body: {} })).json.secret;
    await writeFiles();
    const gone = closed(m2.client).then(() => true);
    mosq.kill('SIGHUP');
    // mosquitto 2 re-checks connected clients on reload: the revoked pile is dropped.
    expect(await Promise.race([gone, new Promise((r) => setTimeout(() => r(false), 3000))])).toBe(true);
    expect([4, 5]).toContain((await pile('M2', old)).error?.code);
    expect((await pile('M2')).error).toBeUndefined();
  });
});
