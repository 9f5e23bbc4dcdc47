// Test helpers: a real cloud on free ports with an in-memory database, a small HTTP client, login,
// and builders that are valid by default (VINs with correct check digits, session records).
import { randomUUID } from 'node:crypto';
import { startCloud, type CloudOptions, type RunningCloud } from '../../index.js';
import { vinCheckDigit, type SessionRecord } from '../../../pile-agent/contract.js';
import { ManualCloudClock } from '../../src/shared/clock.js';

export const ADMIN_PASSWORD = 'admin-pass-123';

export interface Reply {
  status: number;
  json: any;
  text: string;
  headers: Headers;
  body: Buffer;
}

export interface TestCloud {
  cloud: RunningCloud;
  clock: ManualCloudClock;
  /** Every line the sync logged (refusals, disputes, conflicts, vetoes…), as `serve` prints them. */
  syncLog: { level: string; msg: string; [k: string]: unknown }[];
  admin: string;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: Buffer | string; contentType?: string }): Promise<Reply>;
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestCloud(dataDir = ':memory:', extra: Pick<CloudOptions, 'authLog'> = {}): Promise<TestCloud> {
  const clock = new ManualCloudClock(Date.parse('2024-05-01T00:00:00Z'));
  const syncLog: TestCloud['syncLog'] = [];
  const cloud = await startCloud({ dataDir, httpPort: 0, mqttPort: 0, adminPassword: ADMIN_PASSWORD, clock, ...extra, syncLog: (level, obj, msg) => void syncLog.push({ level, msg, ...obj }) });
  const call: TestCloud['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.contentType ?? 'application/octet-stream';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const r = await fetch(`${cloud.httpUrl}${path}`, { method, headers, body });
    const buf = Buffer.from(await r.arrayBuffer());
    const text = buf.toString('utf8');
    let json: any;
    if ((r.headers.get('content-type') ?? '').includes('json') && text) json = JSON.parse(text);
    return { status: r.status, json, text, headers: r.headers, body: buf };
  };
  const login = async (username: string, password: string) => {
    const r = await call('POST', '/api/v1/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    return r.json.token as string;
  };
  const admin = await login('admin', ADMIN_PASSWORD);
  return { cloud, clock, syncLog, admin, call, login, close: () => cloud.close() };
}

/** A VIN with a correct check digit, distinct per `n`. */
export function aVin(n: number, prefix = 'LZYTBTE'): string {
  const body = `${prefix}0A${String(n).padStart(17 - prefix.length - 2, '0')}`;
  const draft = `${body.slice(0, 8)}0${body.slice(9)}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

/** A distinct 8-character new-energy plate 沪A…D (ordinary bus style). */
export function aPlate(n: number, province = '沪'): string {
  return `${province}A${String(n).padStart(5, '0')}D`;
}

/** Test input: like the record, but the cloud's integer ids may be given as numbers (wire ids are text). */
export type SessionRecordInput = Omit<Partial<SessionRecord>, 'payer' | 'attributedDepartmentId'> & {
  payer?: { kind: 'member'; memberId: string | number } | { kind: 'department'; departmentId: string | number } | null;
  attributedDepartmentId?: string | number | null;
};

const text = (v: string | number): string => String(v);

export function aSessionRecord(input: SessionRecordInput = {}): SessionRecord {
  const { payer, attributedDepartmentId, ...rest } = input;
  const over: Partial<SessionRecord> = { ...rest };
  if (payer !== undefined)
    over.payer = payer === null ? null : payer.kind === 'member' ? { kind: 'member', memberId: text(payer.memberId) } : { kind: 'department', departmentId: text(payer.departmentId) };
  if (attributedDepartmentId !== undefined) over.attributedDepartmentId = attributedDepartmentId === null ? null : text(attributedDepartmentId);
  return {
    version: 1,
    sessionId: randomUUID(),
    pileId: 'P1',
    connectorId: 1,
    stationId: 1,
    mode: 1,
    credential: { kind: 'card', cardNo: 'SITE0001' },
    vin: null,
    vinStatus: 'absent',
    plate: null,
    payer: { kind: 'member', memberId: '1' },
    attributedDepartmentId: null,
    meterStartWh: 0,
    meterStopWh: 10_000,
    startedAt: '2024-05-01T02:00:00Z',
    stoppedAt: '2024-05-01T03:00:00Z',
    stopReason: 'bms-full',
    ...over,
  };
}
