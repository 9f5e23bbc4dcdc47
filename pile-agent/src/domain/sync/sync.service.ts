// The pile's sync with the cloud (contract page docs/mqtt-contract.md) over the CloudLink port: on
// every connect a `hello`, then whitelist pages applied and acknowledged (whitelist-sync.ts; at most
// one resync in flight, resync-gate.ts), the journal outbox drained (outbox-drain.ts), commands
// executed once per id and answered (expiry judged on the cloud's clock as estimated by cloud-clock.ts;
// a stop naming a session that no longer runs stops nothing), a heartbeat, and every refused downlink
// answered with `error`. Implements SyncControl for the console and the screen.
import { createHash, randomUUID } from 'node:crypto';
import { viewDigestText } from '../../protocols/sync/view-digest.js';
import type { CloudLink } from '../../ports/cloud-link.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import { decodeMessage, type DownMessage } from '../../protocols/sync/messages.js';
import type { Logger } from '../../shared/logger.js';
import type { WhitelistRepo } from '../authorization/whitelist.repo.js';
import type { OutboxRepo } from '../session/journal.repo.js';
import { CloudClock } from './cloud-clock.js';
import { OutboxDrain } from './outbox-drain.js';
import { ResyncGate } from './resync-gate.js';
import type { SyncControl, SyncStatus } from './sync-status.js';
import { WhitelistSync } from './whitelist-sync.js';

export type StopReasonOfCloud = 'remote' | 'cloud-veto';

/** What a stop command did: stopped a session, found the named session no longer running, or could not. */
export type StopOutcome = { readonly kind: 'stopped' } | { readonly kind: 'not-running' | 'failed'; readonly detail: string };

export interface StopRequest {
  /** null: every connector (or, with `sessionId`, wherever that session runs). */
  readonly connectorId: number | null;
  readonly reason: StopReasonOfCloud;
  readonly detail: string | null;
  /** When set, only this session is stopped. */
  readonly sessionId: string | null;
}

/** Command ids remembered with their answer (a redelivered command is answered again, not executed). */
const REMEMBERED_COMMANDS = 512;

export interface SyncServiceDeps {
  readonly link: CloudLink;
  readonly brokerUrl: string;
  readonly whitelist: WhitelistRepo;
  readonly outbox: OutboxRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly stationId: number;
  readonly agentVersion: string;
  readonly connectors: () => readonly { readonly id: number; readonly phase: string }[];
  /** Stops a session as the command asks. */
  readonly stop: (request: StopRequest) => StopOutcome;
  /** Ids of the sessions running now (their events go ahead of an outbox backlog). */
  readonly live?: () => readonly string[];
  readonly heartbeatMs?: number;
  readonly ackTimeoutMs?: number;
  readonly batchSize?: number;
}

export class SyncService implements SyncControl {
  private readonly log: Logger;
  private readonly pages: WhitelistSync;
  private readonly drain: OutboxDrain;
  private readonly gate: ResyncGate;
  private readonly cloudClock: CloudClock;
  private readonly answered = new Map<string, { status: 'acknowledged' | 'failed'; detail?: string }>();
  private heartbeat: TimerHandle | null = null;
  private poll: TimerHandle | null = null;
  private offState: (() => void) | null = null;
  private offMessage: (() => void) | null = null;

  constructor(private readonly deps: SyncServiceDeps) {
    this.log = deps.logger.child({ ns: 'agent:domain:sync' });
    const iso = () => new Date(deps.clock.now()).toISOString();
    this.pages = new WhitelistSync(deps.whitelist, this.log, iso);
    this.gate = new ResyncGate(() => deps.clock.monotonic());
    this.cloudClock = new CloudClock(() => deps.clock.monotonic());
    this.drain = new OutboxDrain({
      outbox: deps.outbox,
      clock: deps.clock,
      logger: this.log,
      publish: (k, j) => deps.link.publish(k, j),
      batchSize: deps.batchSize ?? 200,
      ackTimeoutMs: deps.ackTimeoutMs ?? 10_000,
      sent: (id) => this.cloudClock.sent(id),
      ...(deps.live ? { live: deps.live } : {}),
    });
  }

  async start(): Promise<void> {
    this.offState = this.deps.link.onState((s) => (s === 'online' ? this.online() : this.drain.pause()));
    this.offMessage = this.deps.link.onMessage((kind, payload) => this.onMessage(kind, payload));
    this.schedulePoll();
    await this.deps.link.start();
  }

  async stop(): Promise<void> {
    this.offState?.();
    this.offMessage?.();
    this.heartbeat?.cancel();
    this.poll?.cancel();
    this.drain.pause();
    await this.deps.link.close();
  }

  status(): SyncStatus {
    const oldest = this.deps.outbox.pending(1)[0];
    return {
      link: this.deps.link.state(),
      brokerUrl: this.deps.brokerUrl,
      whitelistVersion: this.deps.whitelist.version(),
      lastPageAt: this.pages.lastPageAt,
      outboxDepth: this.deps.outbox.count(),
      oldestUnsentAt: oldest?.createdAt ?? null,
      lastAckAt: this.drain.lastAckAt,
    };
  }

  syncNow(): void {
    this.gate.settled();
    this.gate.tryRequest();
    this.send('whitelist/request', { fromVersion: this.deps.whitelist.version(), reason: 'sync-now' });
  }

  /** SHA-256 of the cache's canonical view text: equal to the cloud's digest of the station's view when in step. */
  whitelistDigest(): string {
    return createHash('sha256').update(viewDigestText(this.deps.whitelist.entries())).digest('hex');
  }

  /** The cloud's clock as estimated from round trips (null before the first reply). */
  cloudNow(): number | null {
    return this.cloudClock.now();
  }

  private envelope() {
    return { v: 1, id: randomUUID(), at: new Date(this.deps.clock.now()).toISOString() };
  }

  private send(kind: string, body: Record<string, unknown>): void {
    if (this.deps.link.state() !== 'online') return;
    const e = this.envelope();
    if (kind === 'hello' || kind === 'whitelist/request') this.cloudClock.sent(e.id);
    this.deps.link.publish(kind, JSON.stringify({ ...e, ...body })).catch((e: Error) => this.log.warn({ kind, err: e.message }, 'uplink not sent'));
  }

  private outboxState() {
    const oldest = this.deps.outbox.pending(1)[0];
    return { depth: this.deps.outbox.count(), oldestAt: oldest ? new Date(Date.parse(oldest.createdAt)).toISOString() : null };
  }

  private online(): void {
    this.gate.settled();
    this.gate.tryRequest();
    this.send('hello', {
      agentVersion: this.deps.agentVersion,
      stationId: this.deps.stationId,
      whitelistVersion: this.deps.whitelist.version(),
      connectors: this.deps.connectors().map((c) => ({ id: c.id, phase: c.phase })),
      outbox: this.outboxState(),
    });
    this.drain.start();
    this.scheduleHeartbeat();
  }

  private scheduleHeartbeat(): void {
    this.heartbeat?.cancel();
    this.heartbeat = this.deps.clock.setTimer(this.deps.heartbeatMs ?? 60_000, () => {
      this.send('status', { state: 'online', whitelistVersion: this.deps.whitelist.version(), outbox: this.outboxState() });
      this.scheduleHeartbeat();
    });
  }

  /** New outbox records while online: checked every 200 ms (a cheap count). */
  private schedulePoll(): void {
    this.poll = this.deps.clock.setTimer(200, () => {
      if (this.deps.link.state() === 'online') this.drain.kick();
      this.schedulePoll();
    });
  }

  private onMessage(kind: string, payload: Uint8Array): void {
    const d = decodeMessage('down', kind, payload);
    if (!d.ok) {
      this.log.warn({ kind, reason: d.error.reason, detail: d.error.detail }, 'downlink message refused');
      if (kind !== 'error') this.send('error', { re: d.error.id, kind: kind.slice(0, 64), reason: d.error.reason, detail: d.error.detail.slice(0, 512) });
      return;
    }
    const m = d.value.message;
    switch (d.value.kind) {
      case 'whitelist/page':
        return this.onPage(m as DownMessage<'whitelist/page'>);
      case 'session/ack': {
        const a = m as DownMessage<'session/ack'>;
        this.cloudClock.reply(a.re, a.at);
        return this.drain.onAck(a.re, a.results);
      }
      case 'command':
        return this.onCommand(m as DownMessage<'command'>);
      case 'error':
        return this.log.warn({ ...(m as object) }, 'the cloud refused an uplink message');
    }
  }

  private onPage(m: DownMessage<'whitelist/page'>): void {
    this.cloudClock.reply(m.re, m.at);
    const out = this.pages.onPage(m.page);
    if (out.kind === 'ack') {
      if (out.staged) this.gate.progress();
      else this.gate.settled();
      this.send('whitelist/ack', { re: m.id, version: out.version, ...(out.staged ? { staged: true } : {}) });
      return;
    }
    if (out.kind === 'ignore') {
      this.log.debug({ page: m.id, detail: out.detail }, 'whitelist page ignored');
      return;
    }
    if (out.reason === 'malformed') this.send('error', { re: m.id, kind: 'whitelist/page', reason: 'invalid', detail: out.detail });
    if (!this.gate.tryRequest()) {
      this.log.info({ reason: out.reason, detail: out.detail, suppressed: this.gate.suppressed }, 'whitelist page not applied; a resync is already asked for');
      return;
    }
    this.log.warn({ reason: out.reason, detail: out.detail }, 'whitelist page not applied; asking again');
    this.send('whitelist/request', { fromVersion: out.fromVersion, reason: out.reason });
  }

  /** Executes a command once per id; a redelivery is answered with the first outcome. */
  private onCommand(m: DownMessage<'command'>): void {
    const first = this.answered.get(m.id);
    if (first) {
      this.log.info({ command: m.id }, 'command received again; answered with its first outcome, not executed');
      return this.answerCommand(m.id, first.status, first.detail);
    }
    const out = this.execute(m);
    this.answered.set(m.id, out);
    if (this.answered.size > REMEMBERED_COMMANDS) this.answered.delete(this.answered.keys().next().value as string);
    this.answerCommand(m.id, out.status, out.detail);
  }

  private answerCommand(re: string, status: 'acknowledged' | 'failed', detail?: string): void {
    this.send('command/ack', { re, status, ...(detail ? { detail } : {}) });
  }

  /**
   * Expiry is judged on the cloud's clock (both `at` and `expiresAt` are cloud times): the estimate
   * from round trips, or, before the first reply, the command's own `at` (as if it had just been sent).
   */
  private execute(m: DownMessage<'command'>): { status: 'acknowledged' | 'failed'; detail?: string } {
    const cloudNow = this.cloudClock.now() ?? Date.parse(m.at);
    if (Date.parse(m.expiresAt) < cloudNow) return { status: 'failed', detail: 'expired before it arrived' };
    const c = m.command;
    if (c.kind === 'sync') {
      this.syncNow();
      return { status: 'acknowledged' };
    }
    const out = this.deps.stop({ connectorId: c.connectorId, reason: c.reason, detail: c.detail ?? null, sessionId: c.sessionId ?? null });
    this.log.info({ command: c, result: out }, 'stop command');
    if (out.kind === 'stopped') return { status: 'acknowledged' };
    if (out.kind === 'not-running') return { status: 'acknowledged', detail: out.detail.slice(0, 256) };
    return { status: 'failed', detail: out.detail.slice(0, 256) };
  }
}
