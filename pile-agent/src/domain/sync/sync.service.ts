// The pile's sync with the cloud (issue 8; contract page docs/mqtt-contract.md) over the CloudLink
// port: on every connect a `hello`, then whitelist pages applied and acknowledged (whitelist-sync.ts),
// the journal outbox drained (outbox-drain.ts), commands executed and answered, a heartbeat, and every
// refused downlink answered with `error`. Implements SyncControl for the console and the screen.
import { randomUUID } from 'node:crypto';
import type { CloudLink } from '../../ports/cloud-link.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import { decodeMessage, type DownMessage } from '../../protocols/sync/messages.js';
import type { Logger } from '../../shared/logger.js';
import type { WhitelistRepo } from '../authorization/whitelist.repo.js';
import type { OutboxRepo } from '../session/journal.repo.js';
import { OutboxDrain } from './outbox-drain.js';
import type { SyncControl, SyncStatus } from './sync-status.js';
import { WhitelistSync } from './whitelist-sync.js';

export type StopReasonOfCloud = 'remote' | 'cloud-veto';

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
  /** Stops the session on a connector (null: all); returns null when done, else why it could not. */
  readonly stop: (connectorId: number | null, reason: StopReasonOfCloud, detail: string | null) => string | null;
  readonly heartbeatMs?: number;
  readonly ackTimeoutMs?: number;
  readonly batchSize?: number;
}

export class SyncService implements SyncControl {
  private readonly log: Logger;
  private readonly pages: WhitelistSync;
  private readonly drain: OutboxDrain;
  private heartbeat: TimerHandle | null = null;
  private poll: TimerHandle | null = null;
  private offState: (() => void) | null = null;
  private offMessage: (() => void) | null = null;

  constructor(private readonly deps: SyncServiceDeps) {
    this.log = deps.logger.child({ ns: 'agent:domain:sync' });
    const iso = () => new Date(deps.clock.now()).toISOString();
    this.pages = new WhitelistSync(deps.whitelist, this.log, iso);
    this.drain = new OutboxDrain({ outbox: deps.outbox, clock: deps.clock, logger: this.log, publish: (k, j) => deps.link.publish(k, j), batchSize: deps.batchSize ?? 200, ackTimeoutMs: deps.ackTimeoutMs ?? 10_000 });
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
      link: this.deps.link.state(), brokerUrl: this.deps.brokerUrl, whitelistVersion: this.deps.whitelist.version(), lastPageAt: this.pages.lastPageAt,
      outboxDepth: this.deps.outbox.count(), oldestUnsentAt: oldest?.createdAt ?? null, lastAckAt: this.drain.lastAckAt,
    };
  }

  syncNow(): void {
    this.send('whitelist/request', { fromVersion: this.deps.whitelist.version(), reason: 'sync-now' });
  }

  private envelope() {
    return { v: 1, id: randomUUID(), at: new Date(this.deps.clock.now()).toISOString() };
  }

  private send(kind: string, body: Record<string, unknown>): void {
    if (this.deps.link.state() !== 'online') return;
    this.deps.link.publish(kind, JSON.stringify({ ...this.envelope(), ...body })).catch((e: Error) => this.log.warn({ kind, err: e.message }, 'uplink not sent'));
  }

  private outboxState() {
    const oldest = this.deps.outbox.pending(1)[0];
    return { depth: this.deps.outbox.count(), oldestAt: oldest ? new Date(Date.parse(oldest.createdAt)).toISOString() : null };
  }

  private online(): void {
    this.send('hello', {
      agentVersion: this.deps.agentVersion, stationId: this.deps.stationId, whitelistVersion: this.deps.whitelist.version(),
      connectors: this.deps.connectors().map((c) => ({ id: c.id, phase: c.phase })), outbox: this.outboxState(),
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
      case 'whitelist/page': return this.onPage(m as DownMessage<'whitelist/page'>);
      case 'session/ack': return this.drain.onAck((m as DownMessage<'session/ack'>).re, (m as DownMessage<'session/ack'>).results);
      case 'command': return this.onCommand(m as DownMessage<'command'>);
      case 'error': return this.log.warn({ ...(m as object) }, 'the cloud refused an uplink message');
    }
  }

  private onPage(m: DownMessage<'whitelist/page'>): void {
    const out = this.pages.onPage(m.page);
    if (out.kind === 'ack') {
      this.send('whitelist/ack', { re: m.id, version: out.version, ...(out.staged ? { staged: true } : {}) });
      return;
    }
    this.log.warn({ reason: out.reason, detail: out.detail }, 'whitelist page not applied; asking again');
    if (out.reason === 'malformed') this.send('error', { re: m.id, kind: 'whitelist/page', reason: 'invalid', detail: out.detail });
    this.send('whitelist/request', { fromVersion: out.fromVersion, reason: out.reason });
  }

  private onCommand(m: DownMessage<'command'>): void {
    const answer = (status: 'acknowledged' | 'failed', detail?: string) => this.send('command/ack', { re: m.id, status, ...(detail ? { detail } : {}) });
    if (Date.parse(m.expiresAt) < this.deps.clock.now()) return answer('failed', 'expired before it arrived');
    const c = m.command;
    if (c.kind === 'sync') {
      this.syncNow();
      return answer('acknowledged');
    }
    const why = this.deps.stop(c.connectorId, c.reason, c.detail ?? null);
    this.log.info({ command: c, result: why ?? 'stopped' }, 'stop command');
    return why === null ? answer('acknowledged') : answer('failed', why);
  }
}
