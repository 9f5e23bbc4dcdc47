// The cloud link over MQTT (ports/cloud-link.port.ts) with mqtt.js: MQTT 3.1.1, client id = user name
// = pile id, clean session off, QoS 1, a Last Will `up/status {state: offline}`, TLS with the
// configured CA for mqtts://, and reconnects with exponential backoff and full jitter (backoff.ts)
// instead of mqtt.js's fixed period. Moves payloads; knows no message but the Last Will.
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { CloudLink, CloudLinkState } from '../../ports/cloud-link.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import { downTopic, pileFilter, upTopic } from '../../protocols/sync/topics.js';
import type { Logger } from '../../shared/logger.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export interface MqttCloudLinkDeps {
  readonly url: string;
  readonly pileId: string;
  readonly username: string;
  readonly password: string;
  readonly ca?: Buffer;
  readonly keepaliveS: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
}

export class MqttCloudLink implements CloudLink {
  private readonly events: TypedEmitter<{ state: [s: CloudLinkState]; message: [kind: string, payload: Uint8Array] }>;
  private client: MqttClient | null = null;
  private current: CloudLinkState = 'offline';
  private attempt = 0;
  private retry: TimerHandle | null = null;
  private closed = false;
  private readonly log: Logger;

  constructor(private readonly deps: MqttCloudLinkDeps) {
    this.log = deps.logger.child({ ns: 'agent:drivers:cloud' });
    this.events = new TypedEmitter(this.log);
  }

  state(): CloudLinkState {
    return this.current;
  }

  onState(fn: (s: CloudLinkState) => void): () => void {
    return this.events.on('state', fn);
  }

  onMessage(fn: (kind: string, payload: Uint8Array) => void): () => void {
    return this.events.on('message', fn);
  }

  async publish(kind: string, payload: string): Promise<void> {
    const c = this.client;
    if (!c || this.current !== 'online') throw new Error('cloud link is not online');
    await c.publishAsync(upTopic(this.deps.pileId, kind), payload, { qos: 1 });
  }

  async start(): Promise<void> {
    this.closed = false;
    this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.retry?.cancel();
    const c = this.client;
    this.client = null;
    if (c) await c.endAsync().catch(() => undefined);
    this.set('offline');
  }

  private connect(): void {
    if (this.closed) return;
    this.set('connecting');
    const will = JSON.stringify({ v: 1, id: randomUUID(), at: new Date(this.deps.clock.now()).toISOString(), state: 'offline' });
    const c = mqtt.connect(this.deps.url, {
      protocolVersion: 4,
      clientId: this.deps.pileId,
      username: this.deps.username,
      password: this.deps.password,
      clean: false,
      keepalive: this.deps.keepaliveS,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      ...(this.deps.ca ? { ca: this.deps.ca } : {}),
      will: { topic: upTopic(this.deps.pileId, 'status'), payload: Buffer.from(will), qos: 1, retain: false },
    });
    this.client = c;
    const prefix = downTopic(this.deps.pileId, 'x').slice(0, -1);
    c.on('message', (topic, payload) => {
      if (!topic.startsWith(prefix)) return;
      const kind = topic.slice(prefix.length);
      this.events.emit('message', kind, payload);
    });
    c.on('connect', () => {
      c.subscribe(pileFilter(this.deps.pileId, 'down'), { qos: 1 }, (e) => {
        if (e) {
          this.log.error({ err: e.message }, 'cloud subscription refused');
          c.end(true);
          return;
        }
        this.attempt = 0;
        this.log.info({ url: this.deps.url }, 'cloud link online');
        this.set('online');
      });
    });
    c.on('error', (e) => this.log.warn({ err: e.message }, 'cloud link error'));
    c.on('close', () => {
      if (this.client !== c) return;
      this.client = null;
      c.removeAllListeners();
      c.on('error', () => undefined);
      c.end(true);
      if (this.closed) return;
      this.set('offline');
      const wait = backoffDelay(this.attempt++, Math.random(), this.deps.backoff ?? DEFAULT_BACKOFF);
      this.log.info({ waitMs: wait, attempt: this.attempt }, 'cloud link lost; reconnecting');
      this.retry = this.deps.clock.setTimer(wait, () => this.connect());
    });
  }

  private set(s: CloudLinkState): void {
    if (s === this.current) return;
    this.current = s;
    this.events.emit('state', s);
  }
}
