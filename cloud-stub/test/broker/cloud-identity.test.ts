// The privileged cloud identity on the embedded broker: `RunningCloud.brokerAuth` reads every pile's
// up/ (also as a `$share/...` subscription) and writes every pile's down/, but never publishes to up/;
// a wrong cloud password is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PILES_UP_FILTER, downTopic, upTopic } from '../../../pile-agent/contract.js';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { closed, connectTo, endAll, registerPiles, until } from './mqtt-helpers.js';

let t: TestCloud;
let secrets: Record<string, string>;

beforeAll(async () => {
  t = await startTestCloud();
  secrets = await registerPiles(t, ['C1', 'C2']);
});
afterAll(async () => {
  endAll();
  await t.close();
});

const cloudClient = (clientId: string, password = t.cloud.brokerAuth.password) => connectTo(t.cloud.brokerUrl, { clientId, username: t.cloud.brokerAuth.username, password });

describe('cloud identity', () => {
  it('exposes the embedded broker and a cloud: username', () => {
    expect(t.cloud.brokerUrl).toBe(t.cloud.mqttUrl);
    expect(t.cloud.brokerAuth.username).toMatch(/^cloud:/);
    expect(t.cloud.brokerAuth.password.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a wrong cloud password with code 4', async () => {
    expect((await cloudClient('cloud-x', 'nope')).error?.code).toBe(4);
  });

  it.each([ALL_PILES_UP_FILTER, `$share/sync/${ALL_PILES_UP_FILTER}`])('reads every pile up/ through %s', async (filter) => {
    const { client, error } = await cloudClient(`cloud-${filter.length}`);
    expect(error).toBeUndefined();
    const got: string[] = [];
    client.on('message', (topic) => got.push(topic));
    expect((await client.subscribeAsync(filter, { qos: 1 }))[0].qos).toBe(1);
    for (const p of ['C1', 'C2']) {
      const pile = await connectTo(t.cloud.mqttUrl, { clientId: p, username: p, password: secrets[p] });
      await pile.client.publishAsync(upTopic(p, 'heartbeat'), '{}', { qos: 1 });
      await pile.client.endAsync();
    }
    await until(() => got.length === 2);
    expect(got.sort()).toEqual([upTopic('C1', 'heartbeat'), upTopic('C2', 'heartbeat')]);
    await client.endAsync();
  });

  it('writes any pile down/ and the pile receives it', async () => {
    const pile = await connectTo(t.cloud.mqttUrl, { clientId: 'C1', username: 'C1', password: secrets.C1 });
    await pile.client.subscribeAsync(downTopic('C1', 'cmd'), { qos: 1 });
    const got = new Promise<string>((r) => pile.client.once('message', (_t, p) => r(p.toString())));
    const { client } = await cloudClient('cloud-down');
    await client.publishAsync(downTopic('C1', 'cmd'), 'hello', { qos: 1 });
    expect(await got).toBe('hello');
    await client.endAsync();
    await pile.client.endAsync();
  });

  it.each([
    ['a pile up/ topic', upTopic('C1', 'session')],
    ['outside the tree', 'elsewhere/x'],
  ])('may not publish to %s: the connection is closed', async (_what, topic) => {
    const seen: string[] = [];
    t.cloud.broker!.subscribe(
      '#',
      (p, cb) => (seen.push(p.topic), cb()),
      () => {},
    );
    const { client } = await cloudClient('cloud-bad');
    const gone = closed(client);
    client.publish(topic, 'x', { qos: 0 });
    await gone;
    expect(seen).not.toContain(topic);
  });

  it.each([
    ['every pile down/', 'pilegate/v1/piles/+/down/#'],
    ['everything', '#'],
    ['$SYS', '$SYS/#'],
  ])('may not subscribe to %s', async (_what, filter) => {
    const { client } = await cloudClient('cloud-sub');
    await expect(client.subscribeAsync(filter, { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } });
    await client.endAsync();
  });
});
