// The parts of the sync fault tests that are real processes: `cloud-stub serve` (killed with SIGKILL and
// started again on the same data and MQTT port), `pile-agent run` on the sim rig's devices (killed the
// same way), a depot set up over the cloud's HTTP API (with optional bulk vehicles through the CSV
// import, so a snapshot takes a while), and the pile's whitelist digest read from its database file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { databasePath, openDatabase, SqliteWhitelistRepo } from '../../../pile-agent/index.js';
import { nullLogger } from '../../../pile-agent/ports.js';
import { vinCheckDigit } from '../../../pile-agent/protocols.js';
import { viewDigestText } from '../../../pile-agent/contract.js';
import { apiClient, type Api } from './http-api.js';
import { REPO_ROOT } from '../wiring/repo-root.js';

const ROOT = REPO_ROOT;

/** A process that prints one JSON line when ready; SIGKILL or SIGTERM to end it. */
export class ChildProc {
  private constructor(
    readonly proc: ChildProcess,
    readonly ready: Record<string, unknown>,
    readonly output: () => string,
  ) {}

  static async start(args: string[], env: Record<string, string> = {}, readyLine: (l: Record<string, unknown>) => boolean = () => true): Promise<ChildProc> {
    const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const ready = await new Promise<Record<string, unknown>>((res, rej) => {
      let buf = '';
      proc.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        out += d.toString();
        for (const l of buf.split('\n')) {
          if (!l.startsWith('{')) continue;
          try {
            const j = JSON.parse(l) as Record<string, unknown>;
            if (readyLine(j)) return res(j);
          } catch {
            /* a partial line */
          }
        }
      });
      proc.once('exit', (code) => rej(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-2000)}`)));
    });
    return new ChildProc(proc, ready, () => out);
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill(signal);
    await exited;
  }
}

export const ADMIN = 'fault-admin-pass';

/** `cloud-stub serve` on the data folder and MQTT port (the same on every restart). */
export async function serveCloud(dataDir: string, mqttPort: number): Promise<ChildProc & { httpUrl: string }> {
  const p = await ChildProc.start(
    ['bin/cloud-stub.js', 'serve', '--data', dataDir, '--http-port', '0', '--mqtt-port', String(mqttPort), '--sync-log', 'warn'],
    { PILEGATE_ADMIN_PASSWORD: ADMIN },
    (j) => typeof j.httpUrl === 'string',
  );
  return Object.assign(p, { httpUrl: p.ready.httpUrl as string });
}

/** `pile-agent run --config FILE` (the sim rig's devices must be up). */
export function runAgent(configFile: string): Promise<ChildProc> {
  return ChildProc.start(['bin/pile-agent.js', 'run', '--config', configFile], {}, (j) => j.msg === 'agent running' || j.msg === 'agent started');
}

export type { Api };

export function apiOf(httpUrl: string): Promise<Api> {
  return apiClient(httpUrl, ADMIN);
}

const vin = (n: number) => {
  const d = `LZYTBGBW0LA${String(n).padStart(6, '0')}`;
  return d.slice(0, 8) + vinCheckDigit(d) + d.slice(9);
};

export interface FaultDepot {
  readonly station: number;
  readonly department: number;
  readonly member: number;
  readonly cardNo: string;
  readonly vin: string;
  readonly pile: { readonly pileId: string; readonly secret: string };
}

/** A fleet (pool, stop password) bound to a station, a card, a bus, a pile; `vehicles` more buses by CSV import. */
export async function setUpFaultDepot(call: Api, o: { pileId: string; vehicles?: number }): Promise<FaultDepot> {
  const station = (await call('POST', '/api/v1/stations', { name: '北站', tariff: { fenPerKwh: 100 } })).id;
  const department = (await call('POST', '/api/v1/departments', { name: '公交一公司', stopPassword: '8888' })).id;
  await call('PUT', `/api/v1/departments/${department}/stations`, { stationIds: [station] });
  await call('POST', `/api/v1/departments/${department}/top-ups`, { amountFen: 1_000_000_000 });
  const member = (await call('POST', '/api/v1/members', { kind: 'virtual', name: '车队卡', departmentId: department })).id;
  await call('POST', `/api/v1/members/${member}/cards`, { cardNo: 'FAULT001' });
  await call('POST', '/api/v1/vehicles', { vin: vin(0), plate: '沪A00000D', departmentId: department });
  if (o.vehicles) {
    const lines = ['车架号(VIN),车牌号,部门ID'];
    for (let i = 1; i <= o.vehicles; i++) lines.push(`${vin(i)},沪B${String(i).padStart(5, '0')}D,${department}`);
    await call('POST', '/api/v1/vehicles/import', undefined, { body: Buffer.from(lines.join('\n')), type: 'text/csv' });
  }
  const pile = await call('POST', `/api/v1/stations/${station}/piles`, { pileId: o.pileId, connectors: 2 });
  return { station, department, member, cardNo: 'FAULT001', vin: vin(0), pile: { pileId: o.pileId, secret: pile.secret } };
}

/** The digest of a pile's whitelist cache, read from its database file (the agent may be running or dead). */
export function pileDigest(dataDir: string): string {
  const { db } = openDatabase({ path: databasePath(dataDir), logger: nullLogger });
  try {
    return createHash('sha256')
      .update(viewDigestText(new SqliteWhitelistRepo({ db, logger: nullLogger }).entries()))
      .digest('hex');
  } finally {
    db.close();
  }
}
