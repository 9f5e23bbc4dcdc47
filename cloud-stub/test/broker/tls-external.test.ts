// The embedded broker's optional TLS listener (a CA and a server certificate made with openssl here:
// a pile with the CA connects, without it the handshake fails) and an external broker in place of the
// embedded one (RunningCloud.brokerUrl/brokerAuth point at it and the cloud's sync connects there).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloud, type RunningCloud } from '../../index.js';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { connectTo, endAll, until } from './mqtt-helpers.js';

let dir: string;
const opened: { close(): Promise<void> }[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pilegate-tls-'));
  const ssl = (...a: string[]) => execFileSync('openssl', a, { cwd: dir, stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=pilegate test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
});
afterAll(async () => {
  endAll();
  for (const o of opened.reverse()) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a TLS listener: a pile with the CA connects; without the CA the handshake fails', async () => {
  const cloud: RunningCloud = await startCloud({
    dataDir: ':memory:',
    httpPort: 0,
    mqttPort: 0,
    adminPassword: 'admin-pass-123',
    mqttsTls: { port: 0, cert: readFileSync(join(dir, 'server.pem')), key: readFileSync(join(dir, 'server.key')) },
  });
  opened.push(cloud);
  expect(cloud.mqttsUrl).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
  const ca = readFileSync(join(dir, 'ca.pem'));
  const good = await connectTo(cloud.mqttsUrl!, { clientId: 'cloud-tls', username: cloud.brokerAuth.username, password: cloud.brokerAuth.password, ca });
  expect(good.error).toBeUndefined();
  const bad = await connectTo(cloud.mqttsUrl!, { clientId: 'cloud-tls2', username: cloud.brokerAuth.username, password: cloud.brokerAuth.password });
  expect(bad.error?.message).toMatch(/self[- ]signed|unable to verify|certificate/i);
});

it('an external broker: no embedded broker, brokerUrl/brokerAuth point at it, the sync connects there', async () => {
  const ext: RunningBroker = await startBroker({ verify: async () => false, cloud: { username: 'cloud:ext', password: 'ext-password-123' } }, 0);
  opened.push(ext);
  const connected: string[] = [];
  ext.aedes.on('client', (c) => connected.push(c.id));
  const url = `mqtt://127.0.0.1:${ext.port}`;
  const cloud = await startCloud({ dataDir: ':memory:', httpPort: 0, mqttPort: 0, adminPassword: 'admin-pass-123', externalBroker: { url, username: 'cloud:ext', password: 'ext-password-123' } });
  opened.push(cloud);
  expect(cloud.broker).toBeNull();
  expect(cloud.brokerUrl).toBe(url);
  expect(cloud.mqttUrl).toBe(url);
  expect(cloud.brokerAuth).toEqual({ username: 'cloud:ext', password: 'ext-password-123' });
  await until(() => connected.includes('cloud:ext'), 10_000);
  expect(() => cloud.revokePile('X1')).not.toThrow();
});
