// Test helpers for the broker tests: connect a real mqtt.js client (MQTT 3.1.1) and resolve on
// CONNACK or error, wait for a condition, register piles through the HTTP API.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { TestCloud } from '../providers/test-cloud.js';

export type Connected = { client: MqttClient; error?: Error & { code?: number } };

const opened: MqttClient[] = [];

export function connectTo(url: string, opts: IClientOptions): Promise<Connected> {
  const client = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5_000, ...opts });
  opened.push(client);
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ client }));
    client.once('error', (error) => resolve({ client, error }));
    client.once('close', () => resolve({ client, error: Object.assign(new Error('closed before CONNACK'), { code: -1 }) }));
  });
}

export function endAll(): void {
  for (const c of opened.splice(0)) c.end(true);
}

export const closed = (c: MqttClient): Promise<void> => new Promise((r) => (c.connected || c.reconnecting ? c.once('close', () => r()) : r()));

export async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function registerPiles(t: TestCloud, ids: string[]): Promise<Record<string, string>> {
  const st = (await t.call('POST', '/api/v1/stations', { token: t.admin, body: { name: `站${ids.join('')}` } })).json.id;
  const secrets: Record<string, string> = {};
  for (const pileId of ids) secrets[pileId] = (await t.call('POST', `/api/v1/stations/${st}/piles`, { token: t.admin, body: { pileId, connectors: 1 } })).json.secret;
  return secrets;
}
