// Test helper: the HTTP API alone (buildApi on a free port, in-memory database, manual clock) with
// fakes for the sync's faces: station heads set by the test, a command issuer that records each
// command as `sent` in pile_commands (as the sync does) and tells the test, and a revocation log.
// Tests stand in for the sync by writing pile_links, pile_commands, refusals and unknown_vins rows.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { PileCommand } from '../../../pile-agent/contract.js';
import { buildApi } from '../../src/api/server.js';
import { ensureAdmin } from '../../src/domain/accounts/accounts.service.js';
import { storeAccountsRepo } from '../../src/store/accounts.store.js';
import { storeReportsRepo } from '../../src/store/reports.store.js';
import { storeSessionsRepo } from '../../src/store/sessions.store.js';
import { storeRefusalsRepo } from '../../src/store/refusals.store.js';
import { storeLedgerRepo } from '../../src/store/ledger.store.js';
import { sqliteStore } from '../../src/store/store.js';
import { LoginThrottle } from '../../src/domain/accounts/login-throttle.js';
import { openDatabase, type Db } from '../../src/persistence/sqlite/db.js';
import { ManualCloudClock } from '../../src/shared/clock.js';
import type { CommandIssuer } from '../../src/domain/piles/command-issuer.port.js';
import { ADMIN_PASSWORD, type TestCloud } from './test-cloud.js';

export interface Issued {
  commandId: string;
  pileId: string;
  command: PileCommand;
  accountId: number | null;
}

export interface ApiCloud extends Pick<TestCloud, 'call' | 'login' | 'admin'> {
  url: string;
  db: Db;
  clock: ManualCloudClock;
  heads: Map<number, number>;
  issued: Issued[];
  revoked: string[];
  /** Resolves with the next command the API issues. */
  nextIssue(): Promise<Issued>;
  close(): Promise<void>;
}

export async function startApiCloud(): Promise<ApiCloud> {
  const clock = new ManualCloudClock(Date.parse('2024-05-01T00:00:00Z'));
  const db = openDatabase(':memory:');
  const store = sqliteStore(db);
  const accounts = storeAccountsRepo(store);
  await ensureAdmin(accounts, ADMIN_PASSWORD, new Date(clock.now()).toISOString());
  const heads = new Map<number, number>();
  const issued: Issued[] = [];
  const revoked: string[] = [];
  let waiters: ((i: Issued) => void)[] = [];
  const commands: CommandIssuer = {
    issue(pileId, command, opts) {
      const commandId = randomUUID();
      const now = new Date(clock.now()).toISOString();
      const expires = new Date(clock.now() + (opts.ttlMs ?? 60_000)).toISOString();
      db.prepare(
        `INSERT INTO pile_commands (command_id, pile_id, kind, connector_id, reason, state, account_id, created_at, expires_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?)`,
      ).run(commandId, pileId, command.kind, command.kind === 'stop' ? command.connectorId : null, command.kind === 'stop' ? command.reason : 'sync', opts.accountId, now, expires, now);
      const i = { commandId, pileId, command, accountId: opts.accountId };
      issued.push(i);
      const w = waiters;
      waiters = [];
      for (const f of w) f(i);
      return { commandId };
    },
  };
  const app: FastifyInstance = await buildApi({
    db,
    accounts,
    reports: storeReportsRepo(store),
    sessions: storeSessionsRepo(store),
    refusals: storeRefusalsRepo(store),
    ledger: storeLedgerRepo(store),
    clock,
    throttle: new LoginThrottle(clock),
    utcOffsetMinutes: 480,
    views: { stationHead: (_db, stationId) => heads.get(stationId) ?? 0 },
    commands,
    onPileRevoked: (pileId) => void revoked.push(pileId),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call: TestCloud['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const r = await fetch(`${url}${path}`, { method, headers, body });
    const buf = Buffer.from(await r.arrayBuffer());
    const text = buf.toString('utf8');
    const json = (r.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined;
    return { status: r.status, json, text, headers: r.headers, body: buf };
  };
  const login = async (username: string, password: string) => {
    const r = await call('POST', '/api/v1/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    return r.json.token as string;
  };
  return {
    url,
    db,
    clock,
    heads,
    issued,
    revoked,
    call,
    login,
    admin: await login('admin', ADMIN_PASSWORD),
    nextIssue: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => {
      await app.close();
      db.close();
    },
  };
}
