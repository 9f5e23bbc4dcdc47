// The whole link through mosquitto (sync issue part 4): `cloud-stub serve --broker mqtt://…` (a real
// process) against a mosquitto started on the files `cloud-stub broker mosquitto-config` writes, the
// composed agent on the sim rig connecting over TLS (mqtts://, its CA file): the pile syncs, a bus
// charges, the operator's stop is acknowledged, the session is billed once; a second pile subscribing
// to `#` and `+` filters sees nothing of the first pile's traffic and cannot publish on its own `down/`;
// after a secret rotation and a reload the old secret is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, expect, it } from 'vitest';
import { loadProfile } from '../../../hw-profiles/index.js';
import { composeAgent, validateConfig, type Agent } from '../../../pile-agent/index.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { aVin } from '../../../pile-agent/testing.js';
import { apiClient, makeTestCa, MosquittoRunner, SimRig, untilTrue as until } from '../../index.js';
import { FAST_SESSION } from '../session/agent-on-rig.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

async function serve(dataDir: string, broker: MosquittoRunner): Promise<{ httpUrl: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [
      'bin/cloud-stub.js',
      'serve',
      '--data',
      dataDir,
      '--http-port',
      '0',
      '--broker',
      broker.url,
      '--broker-username',
      'cloud@main',
      '--broker-password-file',
      broker.cloudPasswordFile,
      '--sync-log',
      'warn',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PILEGATE_ADMIN_PASSWORD: 'mosq-admin-pass' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  cleanup.push(async () => {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const httpUrl = await new Promise<string>((res, rej) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) res((JSON.parse(line) as { httpUrl: string }).httpUrl);
    });
    proc.once('exit', (code) => rej(new Error(`serve exited ${code}: ${err}`)));
  });
  return { httpUrl, proc };
}

it('serve --broker on mosquitto: sync over TLS, a billed session, an acknowledged command, ACLs, revocation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-mosq-e2e-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const certs = makeTestCa(join(dir, 'tls'));
  const dataDir = join(dir, 'cloud');
  const broker = await MosquittoRunner.start({ dataDir, outDir: join(dir, 'mosq'), tls: { cert: certs.cert, key: certs.key } });
  cleanup.push(() => broker.stop());
  const { httpUrl } = await serve(dataDir, broker);
  const call = await apiClient(httpUrl, 'mosq-admin-pass');
  const station = (await call('POST', '/api/v1/stations', { name: '北站', tariff: { fenPerKwh: 100 } })).id;
  const dept = (await call('POST', '/api/v1/departments', { name: '公交一公司', stopPassword: '8888' })).id;
  await call('PUT', `/api/v1/departments/${dept}/stations`, { stationIds: [station] });
  await call('POST', `/api/v1/departments/${dept}/top-ups`, { amountFen: 1_000_000 });
  const vin = aVin(6060);
  await call('POST', '/api/v1/vehicles', { vin, plate: '沪A60600D', departmentId: dept });
  const p1 = await call('POST', `/api/v1/stations/${station}/piles`, { pileId: 'MQ-1', connectors: 2 });
  const p2 = await call('POST', `/api/v1/stations/${station}/piles`, { pileId: 'MQ-2', connectors: 1 });
  broker.regenerate();
  writeFileSync(join(dir, 'secret'), p1.secret);

  // The agent over mqtts with the CA file.
  const rig = await SimRig.start();
  cleanup.push(() => rig.close());
  const config = validateConfig(
    rig.agentConfig({
      dataDir: join(dir, 'pile'),
      pileId: 'MQ-1',
      stationId: station,
      session: { ...FAST_SESSION, resetViewMs: 1_000 },
      cloud: { url: broker.tlsUrl!, passwordFile: join(dir, 'secret'), caFile: certs.ca },
    }),
  );
  if (!config.ok) throw new Error(JSON.stringify(config.error));
  const agent: Agent = composeAgent({ config: config.value, profile: loadProfile('sim', { overrides: config.value.devices }), clock: systemClock, logger: nullLogger });
  await agent.start();
  cleanup.push(() => agent.stop());
  await until('synced over TLS', () => agent.introspection.sync?.status().link === 'online' && agent.introspection.whitelist.vehicleByVin(vin) !== undefined, 30_000);

  // Another pile listens everywhere it can; it must see none of MQ-1's traffic.
  const spy = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: 'MQ-2', username: 'MQ-2', password: p2.secret, reconnectPeriod: 0 });
  cleanup.push(() => spy.endAsync());
  const seen: string[] = [];
  spy.on('message', (topic) => seen.push(topic));
  await spy.subscribeAsync(['#', 'pilegate/v1/piles/+/down/#', 'pilegate/v1/piles/+/up/#', 'pilegate/v1/piles/MQ-2/down/#'], { qos: 1 });

  await rig.plug(1, { vin, edition: '2015' });
  agent.commands.pressButton(1, 'vin-charge');
  await until('charging', () => agent.introspection.connectors()[0].phase === 'charging', 30_000);
  const cmd = await call('POST', '/api/v1/piles/MQ-1/commands', { kind: 'stop', connectorId: 1 });
  await until('command acknowledged', async () => (await call('GET', `/api/v1/piles/MQ-1/commands/${cmd.commandId}`)).state === 'acknowledged', 20_000);
  const billed = await until('billed', async () => (await call('GET', '/api/v1/sessions')).items.find((s: { vin: string }) => s.vin === vin), 30_000);
  expect(billed).toMatchObject({ pileId: 'MQ-1', mode: 4, stopReason: 'remote', payerKind: 'department', payerId: dept });

  // MQ-2 publishing a stop on its own down/ reaches nobody (not even itself).
  await spy.publishAsync(
    'pilegate/v1/piles/MQ-2/down/command',
    JSON.stringify({ v: 1, id: 'forged', at: new Date().toISOString(), command: { kind: 'sync' }, expiresAt: new Date(Date.now() + 60_000).toISOString() }),
    { qos: 1 },
  );
  await spy.publishAsync(
    'pilegate/v1/piles/MQ-1/down/command',
    JSON.stringify({ v: 1, id: 'forged-2', at: new Date().toISOString(), command: { kind: 'stop', connectorId: null, reason: 'remote' }, expiresAt: new Date(Date.now() + 60_000).toISOString() }),
    { qos: 1 },
  );
  await new Promise((r) => setTimeout(r, 500));
  expect(seen, JSON.stringify(seen)).toEqual([]);
  expect((await call('GET', '/api/v1/piles/MQ-1/commands')).length).toBe(1);

  // Revocation: rotate MQ-1's secret, regenerate and reload; the old secret is refused.
  await call('POST', '/api/v1/piles/MQ-1/rotate-secret');
  broker.regenerate();
  await until('the agent is cut off', () => agent.introspection.sync?.status().link !== 'online', 20_000);
  const old = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: 'MQ-1', username: 'MQ-1', password: p1.secret, reconnectPeriod: 0 }).then(
    () => null,
    (e: { code?: number }) => e,
  );
  expect(old?.code).toBe(5);
}, 180_000);
