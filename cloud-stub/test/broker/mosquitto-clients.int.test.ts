// Interop: Debian's mosquitto_pub and mosquitto_sub (clients no one here wrote) against the embedded
// broker. A pile publishes to its own up/ topic with its id and secret; a wrong secret is refused with
// the MQTT 3.1.1 "not authorized" return code; a subscription outside the pile's down/# gets nothing.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { downTopic, pileFilter, upTopic } from '../../../pile-agent/contract.js';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
let secret = '';
let port = '';

beforeAll(async () => {
  t = await startTestCloud();
  const st = (await t.call('POST', '/api/v1/stations', { token: t.admin, body: { name: '东站' } })).json.id;
  secret = (await t.call('POST', `/api/v1/stations/${st}/piles`, { token: t.admin, body: { pileId: 'MP1', connectors: 1 } })).json.secret;
  await t.call('POST', `/api/v1/stations/${st}/piles`, { token: t.admin, body: { pileId: 'MP2', connectors: 1 } });
  port = new URL(t.cloud.mqttUrl).port;
});
afterAll(async () => t.close());

function run(cmd: string, args: string[], timeoutMs = 8000): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

const common = () => ['-h', '127.0.0.1', '-p', port, '-V', 'mqttv311'];

it('mosquitto_pub publishes a pile heartbeat to its own up/ topic; the cloud receives it', async () => {
  const topic = upTopic('MP1', 'heartbeat');
  const got: string[] = [];
  t.cloud.broker!.subscribe(
    topic,
    (packet, cb) => {
      got.push(packet.payload.toString());
      cb();
    },
    () => {},
  );
  const r = await run('mosquitto_pub', [...common(), '-i', 'MP1', '-u', 'MP1', '-P', secret, '-t', topic, '-m', '{"v":1}', '-q', '1']);
  expect(r.code).toBe(0);
  const end = Date.now() + 3000;
  while (got.length === 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
  expect(got).toEqual(['{"v":1}']);
});

it('mosquitto_pub with a wrong secret is refused (not authorised)', async () => {
  const r = await run('mosquitto_pub', [...common(), '-i', 'MP1', '-u', 'MP1', '-P', 'wrong', '-t', upTopic('MP1', 'heartbeat'), '-m', 'x']);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/not authori[sz]ed|Connection Refused/i);
});

const stopBoth = () => {
  for (const pile of ['MP1', 'MP2']) {
    t.cloud.broker!.publish({ cmd: 'publish', topic: downTopic(pile, 'remote-stop'), payload: Buffer.from(`stop ${pile}`), qos: 0, retain: false, dup: false }, () => {});
  }
};

// One at a time: both run as MP1 (client id = pile id), and a second MP1 connection takes over the first.
it('mosquitto_sub receives its own down/ commands', async () => {
  const own = run('mosquitto_sub', [...common(), '-i', 'MP1', '-u', 'MP1', '-P', secret, '-t', pileFilter('MP1', 'down'), '-C', '1', '-W', '6']);
  await new Promise((res) => setTimeout(res, 800)); // let the subscription reach the broker
  stopBoth();
  expect((await own).out.trim()).toBe('stop MP1');
});

it("mosquitto_sub is refused another pile's down/", async () => {
  const other = run('mosquitto_sub', [...common(), '-i', 'MP1', '-u', 'MP1', '-P', secret, '-t', pileFilter('MP2', 'down'), '-C', '1', '-W', '3']);
  await new Promise((res) => setTimeout(res, 800));
  stopBoth();
  const b = await other;
  expect(b.out).not.toContain('stop MP2');
  expect(b.err).toMatch(/denied|refused|fail/i); // SUBACK 0x80: the broker refused the filter
});
