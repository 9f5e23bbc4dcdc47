// Shared set-up of the sync benchmarks (`npm run bench -- sync`): a cloud on free ports in a temp
// folder, a station with piles registered over HTTP, bulk registry rows inserted in one transaction
// (what a depot's years of registrations amount to), lightweight pile clients speaking the contract
// over real MQTT, and the JSON-line output.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { refreshAllViews, startCloud, type RunningCloud } from '../../cloud-stub/index.js';
import { vinCheckDigit } from '../../pile-agent/contract.js';
import { apiClient, MosquittoRunner } from '../index.js';

export const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, unit }));
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export type BenchBroker = 'embedded' | 'mosquitto';
/** The brokers a sync bench runs on: both by default; SYNC_BENCH_BROKERS=embedded (or mosquitto) for one. */
export const BENCH_BROKERS: BenchBroker[] = (process.env.SYNC_BENCH_BROKERS ?? 'embedded,mosquitto').split(',').filter((b): b is BenchBroker => b === 'embedded' || b === 'mosquitto');

export interface BenchDepot {
  cloud: RunningCloud;
  /** Stops the cloud (and the mosquitto it ran on). */
  close(): Promise<void>;
  token: string;
  station: number;
  department: number;
  piles: { pileId: string; secret: string }[];
  call(method: string, path: string, body?: unknown): Promise<any>;
}

export async function benchDepot(opts: { piles: number; vehicles?: number; cards?: number; broker?: BenchBroker }): Promise<BenchDepot> {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-sync-bench-'));
  // On mosquitto: the files `cloud-stub broker mosquitto-config` writes, the cloud's sync connecting to it.
  const mosq = opts.broker === 'mosquitto' ? await MosquittoRunner.start({ dataDir: dir, outDir: join(dir, 'mosq') }) : null;
  const cloud = await startCloud({
    dataDir: dir,
    httpPort: 0,
    mqttPort: 0,
    adminPassword: 'bench-admin-pass',
    ...(mosq ? { externalBroker: { url: mosq.url, username: 'cloud@main', password: readFileSync(mosq.cloudPasswordFile, 'utf8').trim() } } : {}),
  });
  const call = await apiClient(cloud.httpUrl, 'bench-admin-pass');
  const token = call.token;
  const station = (await call('POST', '/api/v1/stations', { name: '基准站', tariff: { fenPerKwh: 100 } })).id;
  const department = (await call('POST', '/api/v1/departments', { name: '基准公交' })).id;
  await call('PUT', `/api/v1/departments/${department}/stations`, { stationIds: [station] });
  await call('POST', `/api/v1/departments/${department}/top-ups`, { amountFen: 1_000_000_000 });
  const piles: BenchDepot['piles'] = [];
  for (let i = 0; i < opts.piles; i++) {
    const p = await call('POST', `/api/v1/stations/${station}/piles`, { pileId: `B${String(i).padStart(4, '0')}`, connectors: 2 });
    piles.push({ pileId: p.pileId, secret: p.secret });
  }
  bulkRegistry(cloud, department, opts.vehicles ?? 0, opts.cards ?? 0);
  refreshAllViews(cloud.db, new Date().toISOString());
  if (mosq && piles.length) {
    mosq.regenerate();
    await untilConnects(mosq.url, piles[piles.length - 1]);
  }
  const close = async () => {
    await cloud.close();
    await mosq?.stop();
  };
  return { cloud, close, token, station, department, piles, call };
}

/** After a reload: waits until the pile's secret is accepted. */
async function untilConnects(url: string, p: { pileId: string; secret: string }): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    try {
      const c = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: p.pileId, username: p.pileId, password: p.secret, reconnectPeriod: 0, connectTimeout: 1_000 });
      await c.endAsync();
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`mosquitto refuses ${p.pileId}: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A distinct VIN per n, with a correct check digit (position 9), so the API accepts it. */
export function benchVin(n: number): string {
  const draft = `LBENCH${String(n).padStart(11, '0')}`;
  const zeroed = `${draft.slice(0, 8)}0${draft.slice(9)}`;
  return `${zeroed.slice(0, 8)}${vinCheckDigit(zeroed)}${zeroed.slice(9)}`;
}

function bulkRegistry(cloud: RunningCloud, department: number, vehicles: number, cards: number): void {
  const db = cloud.db;
  const at = new Date().toISOString();
  db.transaction(() => {
    const v = db.prepare('INSERT INTO vehicles (vin, plate, department_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < vehicles; i++) v.run(benchVin(i), `沪A${String(i).padStart(6, '0')}`, department, at, at);
    const m = db.prepare("INSERT INTO members (kind, name, department_id, created_at) VALUES ('real', ?, ?, ?) RETURNING id");
    const c = db.prepare('INSERT INTO cards (card_no, member_id, created_at) VALUES (?, ?, ?)');
    for (let i = 0; i < cards; i++) c.run(`C${String(i).padStart(9, '0')}`, m.pluck().get(`沪A${String(i).padStart(6, '0')}`, department, at), at);
  })();
}

/** A pile as a lightweight MQTT client: hello, pages in, acks and events out (src/load/light-pile.ts). */
export { LightPile as BenchPile } from '../src/load/light-pile.js';
