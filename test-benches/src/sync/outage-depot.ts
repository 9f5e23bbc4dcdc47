// The set-up of a pile's outage against a real cloud (the outage test and the sync.drain bench): a cloud
// on a fixed free MQTT port with a station, a fleet with a card and a registered bus, a pile registered
// over HTTP (fault-kit.ts setUpFaultDepot); the composed agent on the sim rig linked to it. `restartCloud` starts the cloud again on the
// same data and port (after `cloud.close()`), as after a crash or an outage.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../../hw-profiles/index.js';
import { composeAgent, validateConfig, type Agent } from '../../../pile-agent/index.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { startCloud, type RunningCloud } from '../../../cloud-stub/index.js';
import { SimRig } from '../wiring/sim-rig.js';
import { setUpFaultDepot } from './fault-kit.js';
import { apiClient } from './http-api.js';

export const freePort = () =>
  new Promise<number>((r) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => r(p));
    });
  });

export interface OutageDepot {
  readonly dir: string;
  cloud: RunningCloud;
  readonly station: number;
  readonly department: number;
  readonly member: number;
  readonly cardNo: string;
  readonly vin: string;
  readonly pileId: string;
  readonly rig: SimRig;
  newAgent(): Agent;
  restartCloud(): Promise<RunningCloud>;
  close(): Promise<void>;
}

export async function outageDepot(session: Record<string, unknown> = {}): Promise<OutageDepot> {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-outage-'));
  const mqttPort = await freePort();
  const opts = { dataDir: join(dir, 'cloud'), httpPort: 0, mqttPort, adminPassword: 'outage-admin-pass', syncPollMs: 50 };
  let cloud = await startCloud(opts);
  const call = await apiClient(cloud.httpUrl, 'outage-admin-pass');
  const { station, department, member, cardNo, vin, pile } = await setUpFaultDepot(call, { pileId: 'OUT-1' });
  writeFileSync(join(dir, 'secret'), pile.secret);
  const rig = await SimRig.start();
  const config = validateConfig(
    rig.agentConfig({
      dataDir: join(dir, 'pile'),
      pileId: 'OUT-1',
      stationId: station,
      session: { resetViewMs: 1_000, ...session },
      cloud: { url: `mqtt://127.0.0.1:${mqttPort}`, passwordFile: join(dir, 'secret') },
    }),
  );
  if (!config.ok) throw new Error(JSON.stringify(config.error));
  const depot: OutageDepot = {
    dir,
    cloud,
    station,
    department,
    member,
    cardNo,
    vin,
    pileId: pile.pileId,
    rig,
    newAgent: () => composeAgent({ config: config.value, profile: loadProfile('sim', { overrides: config.value.devices }), clock: systemClock, logger: nullLogger }),
    restartCloud: async () => (depot.cloud = cloud = await startCloud(opts)),
    close: async () => {
      await rig.close().catch(() => undefined);
      await cloud.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return depot;
}

/** Waits (bounded) until `f` gives a truthy value. */
export async function until<T>(what: string, f: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<Awaited<T>>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
