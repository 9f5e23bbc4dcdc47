// The embedded broker with a real mqtt.js client speaking MQTT 3.1.1: pile authentication by id and
// secret, publish confined to the pile's own up/#, subscribe confined to its own down/#.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downTopic, upTopic } from '../../../pile-agent/contract.js';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
const secrets: Record<string, string> = {};
const clients: MqttClient[] = [];

beforeAll(async () => {
  t = await startTestCloud();
  const st = (await t.call('POST', '/api/v1/stations', { token: t.admin, body: { name: '北站' } })).json.id;
  for (const pileId of ['P1', 'P2']) secrets[pileId] = (await t.call('POST', `/api/v1/stations/${st}/piles`, { token: t.admin, body: { pileId, connectors: 1 } })).json.secret;
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await t.close();
});

function connect(username: string | undefined, password: string | undefined, willTopic?: string): Promise<{ client: MqttClient; error?: Error & { code?: number } }> {
  const will = willTopic ? { will: { topic: willTopic, payload: Buffer.from('gone'), qos: 0 as const, retain: false } } : {};
  const client = mqtt.connect(t.cloud.mqttUrl, { protocolVersion: 4, username, password, reconnectPeriod: 0, connectTimeout: 5_000, clientId: username ?? `anon-${clients.length}`, ...will });
  clients.push(client);
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ client }));
    client.once('error', (error) => resolve({ client, error }));
  });
}

/** Messages the cloud side (in-process aedes subscriber) sees on a filter. */
function watch(filter: string): { topics: string[] } {
  const seen = { topics: [] as string[] };
  t.cloud.broker!.subscribe(
    filter,
    (packet, cb) => {
      seen.topics.push(packet.topic);
      cb();
    },
    () => {},
  );
  return seen;
}

const until = async (cond: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('authentication (MQTT 3.1.1 CONNACK return codes)', () => {
  it('accepts a registered pile with its secret', async () => {
    const { error } = await connect('P1', secrets.P1);
    expect(error).toBeUndefined();
  });

  it.each([
    ['wrong secret', 'P1', 'not-the-secret'],
    ['another pile secret', 'P1', 'SECRET_P2'],
    ['unknown pile', 'P9', 'whatever'],
    ['no credentials', undefined, undefined],
  ])('refuses %s with code 4', async (_what, user, pass) => {
    const { error } = await connect(user, pass === 'SECRET_P2' ? secrets.P2 : pass);
    expect(error).toBeDefined();
    expect(error!.code).toBe(4);
  });

  it('refuses the old secret after a rotation', async () => {
    const old = secrets.P2;
    secrets.P2 = (await t.call('POST', '/api/v1/piles/P2/secret', { token: t.admin, body: {} })).json.secret;
    expect((await connect('P2', old)).error?.code).toBe(4);
    expect((await connect('P2', secrets.P2)).error).toBeUndefined();
  });
});

describe('topic confinement', () => {
  it('delivers a publish to the pile own up/ topic', async () => {
    const seen = watch('pilegate/v1/piles/+/up/#');
    const { client } = await connect('P1', secrets.P1);
    await client.publishAsync(upTopic('P1', 'session'), '{}', { qos: 1 });
    await until(() => seen.topics.includes(upTopic('P1', 'session')));
  });

  it.each([
    ['another pile up/', upTopic('P2', 'session')],
    ['its own down/', downTopic('P1', 'cmd')],
    ['outside the tree', 'elsewhere/x'],
  ])('refuses a publish to %s: the connection is closed and nothing is delivered', async (_what, topic) => {
    const seen = watch('#');
    const { client } = await connect('P1', secrets.P1);
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    client.publish(topic, 'x', { qos: 0 });
    await closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.topics).not.toContain(topic);
  });

  it('grants its own down/# and delivers cloud messages on it', async () => {
    const { client } = await connect('P1', secrets.P1);
    const granted = await client.subscribeAsync(`${downTopic('P1', 'whitelist')}/#`, { qos: 1 });
    expect(granted[0].qos).toBe(1);
    const got = new Promise<string>((r) => client.once('message', (topic) => r(topic)));
    t.cloud.broker!.publish({ cmd: 'publish', topic: downTopic('P1', 'whitelist/delta'), payload: Buffer.from('{}'), qos: 0, retain: false, dup: false }, () => {});
    expect(await got).toBe(downTopic('P1', 'whitelist/delta'));
  });

  it.each([
    ['another pile down/#', 'pilegate/v1/piles/P2/down/#'],
    ['every pile down/#', 'pilegate/v1/piles/+/down/#'],
    ['its own up/#', 'pilegate/v1/piles/P1/up/#'],
    ['its whole subtree', 'pilegate/v1/piles/P1/#'],
    ['everything', '#'],
    ['$SYS', '$SYS/#'],
  ])('refuses a subscription to %s with SUBACK 0x80', async (_what, filter) => {
    const { client } = await connect('P1', secrets.P1);
    // mqtt.js rejects a SUBACK that grants 0x80 and hands over the packet
    await expect(client.subscribeAsync(filter, { qos: 1 })).rejects.toMatchObject({ packet: { cmd: 'suback', granted: [128] } });
    expect(client.connected).toBe(true);
  });

  it('applies the same rule to the last will: own up/ is delivered, another pile up/ is dropped', async () => {
    const seen = watch('#');
    const own = await connect('P1', secrets.P1, upTopic('P1', 'status'));
    own.client.stream.destroy(); // ungraceful: the broker sends the will
    await until(() => seen.topics.includes(upTopic('P1', 'status')));
    const other = await connect('P1', secrets.P1, upTopic('P2', 'status'));
    other.client.stream.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.topics).not.toContain(upTopic('P2', 'status'));
  });
});
