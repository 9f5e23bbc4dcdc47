// The cloud's MQTT sync (contract page pile-agent/docs/mqtt-contract.md): one mqtt.js client
// with the cloud's broker identity, subscribed to every pile's uplink; the handlers of each kind; the
// push of committed whitelist changes; commands and their expiry; the re-check of running sessions;
// the hourly compaction of the change log.
import mqtt from 'mqtt';
import { downTopic, encodeMessage, ALL_PILES_UP_FILTER } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';
import type { CloudClock } from '../shared/clock.js';
import type { StationViewApi } from '../view/index.js';
import type { CommandIssuer } from '../domain/piles/command-issuer.port.js';
import { Commands } from './commands.js';
import { markAllOffline, touchPile, ackedVersion } from './pile-links.js';
import { Pusher } from './pusher.js';
import { routeUplink, type Handlers } from './router.js';
import { SessionEvents } from './session-events.js';
import { envelope, isoNow, pileStation, type SyncContext, type SyncLog } from './sync-context.js';
import { Veto } from './veto.js';
import { RateLimiter } from './rate-limit.js';
import { compactViewLog, DEFAULT_LOG_RETENTION_DAYS } from '../view/compact.js';

export interface SyncDeps {
  readonly db: Db;
  readonly clock: CloudClock;
  readonly utcOffsetMinutes: number;
  readonly views: StationViewApi;
  readonly broker: { readonly url: string; readonly username: string; readonly password: string; readonly ca?: Buffer };
  readonly log: SyncLog;
  /** The uplink filter; a `$share/{group}/…` filter when several cloud workers share the piles. */
  readonly upFilter?: string;
  /** Change-log poll period (ms, default 100). */
  readonly pollMs?: number;
  /** Change-log entries older than this are compacted away (view/compact.ts; default 30 days). */
  readonly logRetentionDays?: number;
}

const COMPACT_EVERY_MS = 3_600_000;
/** Whitelist requests a pile may send at once, and how fast it earns another. */
const REQUEST_BURST = 5;
const REQUEST_REFILL_MS = 5_000;

export interface RunningSync {
  readonly commands: CommandIssuer;
  /** Runs one push poll now (tests, benchmarks). */
  poll(): void;
  close(): Promise<void>;
}

export async function startSync(deps: SyncDeps): Promise<RunningSync> {
  const { db, clock, log } = deps;
  markAllOffline(db);
  const client = mqtt.connect(deps.broker.url, {
    protocolVersion: 4,
    clientId: deps.broker.username,
    username: deps.broker.username,
    password: deps.broker.password,
    clean: true,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    ...(deps.broker.ca ? { ca: deps.broker.ca } : {}),
  });
  const ctx: SyncContext = {
    db,
    clock,
    log,
    views: deps.views,
    utcOffsetMinutes: deps.utcOffsetMinutes,
    send: (pileId, kind, message) => {
      client.publish(downTopic(pileId, kind), encodeMessage(message), { qos: 1 }, (e) => e && log('warn', { pileId, kind, err: e.message }, 'downlink publish failed'));
    },
    sendText: (pileId, kind, json) => {
      client.publish(downTopic(pileId, kind), json, { qos: 1 }, (e) => e && log('warn', { pileId, kind, err: e.message }, 'downlink publish failed'));
    },
    sendTextAsync: async (pileId, kind, json) => {
      await client.publishAsync(downTopic(pileId, kind), json, { qos: 1 });
    },
  };
  const commands = new Commands(ctx);
  const veto = new Veto(ctx, commands);
  const pusher = new Pusher(ctx, (stations) => veto.checkStations(stations));
  const events = new SessionEvents(ctx, (pileId, sessionId) => veto.check(pileId, sessionId));
  const skew = (at: string) => Date.parse(at) - clock.now();
  const requests = new RateLimiter(clock, REQUEST_BURST, REQUEST_REFILL_MS);

  const handlers: Handlers = {
    hello: (pileId, m) => {
      const station = pileStation(db, pileId);
      touchPile(db, pileId, isoNow(clock), { online: true, agentVersion: m.agentVersion, clockSkewMs: skew(m.at), outboxDepth: m.outbox.depth, outboxOldestAt: m.outbox.oldestAt });
      if (station !== m.stationId) {
        log('warn', { pileId, configured: m.stationId, registered: station }, 'pile configured for another station');
        ctx.send(pileId, 'error', { ...envelope(clock), re: m.id, kind: 'hello', reason: 'station-mismatch', detail: `pile ${pileId} is registered at station ${station}, not ${m.stationId}` });
        return;
      }
      pusher.sendFrom(pileId, m.whitelistVersion, m.id);
    },
    status: (pileId, m) => {
      touchPile(db, pileId, isoNow(clock), { online: m.state === 'online', clockSkewMs: skew(m.at), ...(m.outbox ? { outboxDepth: m.outbox.depth, outboxOldestAt: m.outbox.oldestAt } : {}) });
      if (m.state === 'offline') pusher.forget(pileId);
      else if (!pusher.knows(pileId)) pusher.sendFrom(pileId, m.whitelistVersion ?? ackedVersion(db, pileId));
    },
    'whitelist/request': (pileId, m) => {
      touchPile(db, pileId, isoNow(clock), { online: true });
      if (!requests.take(pileId)) {
        log('warn', { pileId, messageId: m.id, reason: m.reason }, 'whitelist/request refused: rate limit');
        ctx.send(pileId, 'error', {
          ...envelope(clock),
          re: m.id,
          kind: 'whitelist/request',
          reason: 'rate-limited',
          detail: `at most ${REQUEST_BURST} requests at once, then one per ${REQUEST_REFILL_MS / 1000} s`,
        });
        return;
      }
      pusher.sendFrom(pileId, m.fromVersion, m.id);
    },
    'whitelist/ack': (pileId, m) => {
      const station = pileStation(db, pileId);
      const head = station === undefined ? 0 : deps.views.stationHead(db, station);
      if (!m.staged && m.version > head) {
        // A version the station never had: stored, it would keep the pile from ever getting changes.
        log('warn', { pileId, messageId: m.id, version: m.version, head }, 'whitelist/ack for a version the station never had: ignored');
        ctx.send(pileId, 'error', {
          ...envelope(clock),
          re: m.id,
          kind: 'whitelist/ack',
          reason: 'unknown-version',
          detail: `station ${station} is at version ${head}; ${m.version} was never issued`,
        });
        touchPile(db, pileId, isoNow(clock), { online: true });
        return;
      }
      touchPile(db, pileId, isoNow(clock), { online: true, ...(m.staged ? {} : { whitelistVersion: m.version }) });
    },
    'session/events': (pileId, m) => {
      touchPile(db, pileId, isoNow(clock), { online: true });
      const results = events.apply(pileId, m);
      ctx.send(pileId, 'session/ack', { ...envelope(clock), re: m.id, results });
    },
    'command/ack': (pileId, m) => commands.acknowledge(pileId, m),
    error: (pileId, m) => log('warn', { pileId, re: m.re, kind: m.kind, reason: m.reason, detail: m.detail }, 'pile refused a downlink message'),
  };

  client.on('message', (topic, payload) => routeUplink(ctx, handlers, topic, payload));
  client.on('error', (e) => log('warn', { err: e.message }, 'sync client error'));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(deps.upFilter ?? ALL_PILES_UP_FILTER, { qos: 1 });
  client.on('connect', () => client.subscribe(deps.upFilter ?? ALL_PILES_UP_FILTER, { qos: 1 }));
  pusher.prime();
  let busy = false;
  let compactedAt = -Infinity;
  const compact = () => {
    compactedAt = clock.now();
    const before = new Date(clock.now() - (deps.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS) * 86_400_000).toISOString();
    const n = compactViewLog(db, before);
    if (n > 0) log('info', { deleted: n, before }, 'change log compacted');
  };
  const tick = () => {
    if (busy) return;
    busy = true;
    try {
      pusher.poll();
      commands.sweep();
      if (clock.now() - compactedAt >= COMPACT_EVERY_MS) compact();
    } catch (e) {
      log('error', { err: (e as Error).message }, 'sync poll failed');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(tick, deps.pollMs ?? 100);
  return {
    commands,
    poll: tick,
    close: async () => {
      clearInterval(timer);
      await client.endAsync();
    },
  };
}
