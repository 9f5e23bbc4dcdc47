// Hardening of the embedded broker with real mqtt.js clients: client id = pile id, no session
// takeover by another pile (but MQTT's takeover by the same pile), a maximum packet size, the same
// scrypt time for unknown ids, every refusal logged, and revocation of a connected pile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloud, type RunningCloud } from '../../index.js';
import { upTopic } from '../../../pile-agent/contract.js';
import { ManualCloudClock } from '../../src/shared/clock.js';
import { PacketSizeGuard } from '../../src/broker/packet-size.js';
import { ADMIN_PASSWORD, type TestCloud } from '../providers/test-cloud.js';
import { closed, connectTo, endAll, registerPiles, until } from './mqtt-helpers.js';

let cloud: RunningCloud;
let t: TestCloud;
let secrets: Record<string, string>;
const logs: { level: string; obj: any; msg: string }[] = [];

beforeAll(async () => {
  cloud = await startCloud({
    dataDir: ':memory:',
    httpPort: 0,
    mqttPort: 0,
    adminPassword: ADMIN_PASSWORD,
    clock: new ManualCloudClock(Date.parse('2024-05-01T00:00:00Z')),
    brokerLog: (level, obj, msg) => logs.push({ level, obj, msg }),
  });
  const call: TestCloud['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const r = await fetch(`${cloud.httpUrl}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : undefined, text, headers: r.headers, body: Buffer.from(text) };
  };
  const admin = (await call('POST', '/api/v1/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).json.token;
  t = { cloud, admin, call } as TestCloud;
  secrets = await registerPiles(t, ['H1', 'H2', 'H3']);
});
afterAll(async () => {
  endAll();
  await cloud.close();
});

const pile = (id: string, clientId = id, password = secrets[id]) => connectTo(cloud.mqttUrl, { clientId, username: id, password });

describe('client id and sessions', () => {
  it('refuses a pile whose client id is not its pile id (code 2) and logs it', async () => {
    expect((await pile('H1', 'H1-other')).error?.code).toBe(2);
    expect(logs.some((l) => l.msg === 'mqtt connect refused' && l.obj.clientId === 'H1-other' && l.obj.returnCode === 2)).toBe(true);
  });

  it('pile H1 cannot take over H2 (client id H2 with H1 credentials): H2 stays connected', async () => {
    const h2 = await pile('H2');
    expect(h2.error).toBeUndefined();
    expect((await pile('H1', 'H2')).error?.code).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(h2.client.connected).toBe(true);
    await h2.client.endAsync();
  });

  it('a second connection with the same credentials takes over the first', async () => {
    const first = await pile('H1');
    const gone = closed(first.client);
    const second = await pile('H1');
    expect(second.error).toBeUndefined();
    await gone;
    expect(second.client.connected).toBe(true);
    await second.client.endAsync();
  });
});

describe('packet size', () => {
  it('the guard reads the remaining-length varint', () => {
    const g = new PacketSizeGuard(200);
    expect(g.feed(Buffer.from([0x30, 0x02, 0x00, 0x00, 0xc0, 0x00]))).toBeNull(); // PUBLISH(2) + PINGREQ
    expect(g.feed(Buffer.from([0x30, 0xc8]))).toBeNull(); // 200 + … (varint continues)
    expect(g.feed(Buffer.from([0x01]))).toMatch(/exceeds 200/); // 200 + 128 bytes
  });

  it('drops a client publishing more than 1 MiB; a 1 MiB payload still passes', async () => {
    const seen: number[] = [];
    cloud.broker!.subscribe(
      upTopic('H3', 'big'),
      (p, cb) => (seen.push(p.payload.length), cb()),
      () => {},
    );
    const ok = await pile('H3');
    await ok.client.publishAsync(upTopic('H3', 'big'), Buffer.alloc(1024 * 1024), { qos: 1 });
    await until(() => seen.length === 1);
    const gone = closed(ok.client);
    ok.client.publish(upTopic('H3', 'big'), Buffer.alloc(2 * 1024 * 1024), { qos: 0 });
    await gone;
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1024 * 1024]);
    expect(logs.some((l) => l.msg === 'mqtt packet refused')).toBe(true);
  });
});

describe('timing and logging', () => {
  it('an unknown pile id costs about the same scrypt time as a known one with a wrong secret', async () => {
    const time = async (id: string) => {
      const t0 = performance.now();
      for (let i = 0; i < 4; i++) expect((await pile(id, id, 'wrong-secret')).error?.code).toBe(4);
      return performance.now() - t0;
    };
    await time('H1'); // warm-up
    const known = await time('H1');
    const unknown = await time('NOPE');
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('logs refused publishes and subscriptions', async () => {
    const c = await pile('H2');
    await expect(c.client.subscribeAsync('#', { qos: 0 })).rejects.toBeDefined();
    const gone = closed(c.client);
    c.client.publish(upTopic('H1', 'x'), 'x');
    await gone;
    expect(logs.some((l) => l.msg === 'mqtt subscribe refused' && l.obj.topic === '#' && l.obj.pileId === 'H2')).toBe(true);
    expect(logs.some((l) => l.msg === 'mqtt publish refused' && l.obj.pileId === 'H2')).toBe(true);
  });
});

describe('revocation', () => {
  it('rotating the secret over HTTP drops the connected pile at once', async () => {
    const c = await pile('H1');
    const gone = closed(c.client);
    secrets.H1 = (await t.call('POST', '/api/v1/piles/H1/secret', { token: t.admin, body: {} })).json.secret;
    await gone;
    expect((await pile('H1')).error).toBeUndefined();
  });

  it('revokePile drops a connected pile; after a rotation its old secret is refused', async () => {
    const c = await pile('H3');
    expect(c.error).toBeUndefined();
    const old = secrets.H3;
    const fresh = (await t.call('POST', '/api/v1/piles/H3/secret', { token: t.admin, body: {} })).json.secret;
    const gone = closed(c.client);
    cloud.revokePile('H3');
    await gone;
    expect((await pile('H3', 'H3', old)).error?.code).toBe(4);
    expect((await pile('H3', 'H3', fresh)).error).toBeUndefined();
  });
});
