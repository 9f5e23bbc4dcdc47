// Composition root of the cloud: opens the SQLite database (migrating it), bootstraps the admin
// account, builds the HTTP API and the embedded MQTT broker and starts both. Port 0 picks a free
// port. The only place that wires real parts together; `serve` and the tests call startCloud.
import type { AddressInfo } from 'node:net';
import type { Aedes } from 'aedes';
import { openDatabase, type Db } from '../persistence/sqlite/db.js';
import { buildApi } from '../api/server.js';
import { stationViews } from '../view/index.js';
import { startSync, type RunningSync } from '../sync/index.js';
import type { SyncLog } from '../sync/sync-context.js';
import { startBroker, type BrokerLog, type RunningBroker } from '../broker/broker.js';
import { ensureAdmin } from '../domain/accounts/accounts.service.js';
import { storeAccountsRepo } from '../store/accounts.store.js';
import { storeReportsRepo } from '../store/reports.store.js';
import { storeSessionsRepo } from '../store/sessions.store.js';
import { storeRefusalsRepo } from '../store/refusals.store.js';
import { storeLedgerRepo } from '../store/ledger.store.js';
import { sqliteStore } from '../store/store.js';
import { LoginThrottle } from '../domain/accounts/login-throttle.js';
import type { AuthLog } from '../domain/accounts/login.service.js';
import { verifyPileSecret } from '../domain/stations/piles.service.js';
import { ingestSession, type IngestOutcome } from '../ingest/session-ingest.js';
import { randomSecret } from '../shared/secret-hash.js';
import { systemCloudClock, type CloudClock } from '../shared/clock.js';

export interface CloudOptions {
  /** Folder for the database (created if missing), or ':memory:' for a throwaway cloud. */
  dataDir: string;
  httpPort: number;
  mqttPort: number;
  /** Password for the `admin` account created on first start; undefined = generate one. */
  adminPassword?: string;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Business time zone for tariffs and report days, minutes east of UTC; default 480 (China). */
  utcOffsetMinutes?: number;
  clock?: CloudClock;
  /** Use this broker (e.g. mosquitto) instead of starting the embedded one; revocation is then the operator's (README). */
  externalBroker?: ExternalBroker;
  /** An extra TLS listener of the embedded broker (mqtts). */
  mqttsTls?: { port: number; cert: Buffer; key: Buffer };
  /** Broker events (connects, every refused CONNECT / publish / subscribe / packet), pino-style. */
  brokerLog?: BrokerLog;
  /** Logins refused and accepted, password changes, accounts disabled or deleted; default silent. */
  authLog?: AuthLog;
  /** The sync's log (refused messages, vetoes, pages sent); default silent. */
  syncLog?: SyncLog;
  /** Change-log poll period of the sync (ms, default 100). */
  syncPollMs?: number;
  /** fastify request logging to stdout (pino); default off. */
  httpLog?: boolean;
}

export interface ExternalBroker {
  url: string;
  username: string;
  password: string;
  /** CA certificate(s) for an mqtts:// broker. */
  ca?: Buffer;
}

export interface RunningCloud {
  httpUrl: string;
  mqttUrl: string;
  /** Set only on the first start when no admin password was given: show it once. */
  generatedAdminPassword: string | null;
  db: Db;
  /** The embedded broker; null with an external one. */
  broker: Aedes | null;
  /** The embedded broker's TLS listener (mqtts://…), null when none. */
  mqttsUrl: string | null;
  /** Where the cloud's own sync client connects (= mqttUrl for the embedded broker). */
  brokerUrl: string;
  /** The privileged cloud identity on that broker (reads every pile's up/, writes every pile's down/). */
  brokerAuth: { username: string; password: string };
  /** Disconnects a connected pile at once (after its removal or secret rotation). */
  revokePile(pileId: string): void;
  /** The MQTT sync (commands, a push poll on demand). */
  sync: RunningSync;
  /** The one ingest entry for finished sessions (the MQTT sync calls it with the pile id it authenticated). */
  ingest(record: unknown, fromPileId?: string): IngestOutcome;
  close(): Promise<void>;
}

export async function startCloud(opts: CloudOptions): Promise<RunningCloud> {
  const clock = opts.clock ?? systemCloudClock;
  const host = opts.host ?? '127.0.0.1';
  const utcOffsetMinutes = opts.utcOffsetMinutes ?? 480;
  const db = openDatabase(opts.dataDir);
  let sync: RunningSync | null = null;
  try {
    const store = sqliteStore(db);
    const accounts = storeAccountsRepo(store);
    const admin = await ensureAdmin(accounts, opts.adminPassword, new Date(clock.now()).toISOString());
    let revoke: (pileId: string) => void = () => {};
    const api = await buildApi(
      {
        db,
        accounts,
        reports: storeReportsRepo(store),
        sessions: storeSessionsRepo(store),
        refusals: storeRefusalsRepo(store),
        ledger: storeLedgerRepo(store),
        clock,
        throttle: new LoginThrottle(clock),
        authLog: opts.authLog,
        utcOffsetMinutes,
        views: stationViews,
        onPileRevoked: (id) => revoke(id),
        commands: {
          issue: (pileId, command, o) => {
            if (!sync) throw new Error('the MQTT sync is not running');
            return sync.commands.issue(pileId, command, o);
          },
        },
      },
      { logger: opts.httpLog },
    );
    await api.listen({ port: opts.httpPort, host });
    const httpPort = (api.server.address() as AddressInfo).port;
    const ext = opts.externalBroker;
    const brokerAuth = ext ? { username: ext.username, password: ext.password } : { username: 'cloud:main', password: randomSecret(32) };
    let broker: RunningBroker | null = null;
    try {
      if (!ext) broker = await startBroker({ verify: (pileId, secret) => verifyPileSecret(db, pileId, secret), cloud: brokerAuth, log: opts.brokerLog, tls: opts.mqttsTls }, opts.mqttPort, host);
    } catch (e) {
      await api.close();
      throw e;
    }
    revoke = (id) => {
      if (broker) broker.disconnectPile(id);
      else opts.brokerLog?.('warn', { pileId: id }, 'external broker: regenerate its files and reload it (SIGHUP) to drop this pile');
    };
    const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    let closed = false;
    const mqttUrl = broker ? `mqtt://${urlHost}:${broker.port}` : ext!.url;
    const mqttsUrl = broker?.tlsPort ? `mqtts://${urlHost}:${broker.tlsPort}` : null;
    const log = opts.syncLog ?? (() => {});
    try {
      sync = await startSync({ db, clock, utcOffsetMinutes, views: stationViews, broker: { url: mqttUrl, ...brokerAuth, ...(ext?.ca ? { ca: ext.ca } : {}) }, log, pollMs: opts.syncPollMs });
    } catch (e) {
      await broker?.close();
      await api.close();
      throw e;
    }
    const running = sync;
    return {
      httpUrl: `http://${urlHost}:${httpPort}`,
      mqttUrl,
      mqttsUrl,
      brokerUrl: mqttUrl,
      brokerAuth,
      generatedAdminPassword: admin.generatedPassword,
      db,
      broker: broker?.aedes ?? null,
      revokePile: (pileId) => revoke(pileId),
      ingest: (record, fromPileId) => ingestSession({ db, clock, utcOffsetMinutes }, record, fromPileId),
      sync: running,
      close: async () => {
        if (closed) return;
        closed = true;
        await running.close();
        await broker?.close();
        await api.close();
        db.close();
      },
    };
  } catch (e) {
    if (db.open) db.close();
    throw e;
  }
}
