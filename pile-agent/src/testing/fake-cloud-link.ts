// A CloudLink for unit tests of the sync: records every published uplink message (decoded JSON),
// delivers downlink messages as the broker would, and changes state on request. No broker, no timers.
import type { CloudLink, CloudLinkState } from '../ports/cloud-link.port.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export interface Published {
  readonly kind: string;
  readonly message: Record<string, unknown>;
}

export class FakeCloudLink implements CloudLink {
  private readonly events = new TypedEmitter<{ state: [s: CloudLinkState]; message: [kind: string, payload: Uint8Array] }>();
  private current: CloudLinkState = 'connecting';
  readonly published: Published[] = [];
  /** When set, publish rejects with this error (a link that drops before the PUBACK). */
  failPublish: Error | null = null;

  state(): CloudLinkState {
    return this.current;
  }

  onState(fn: (s: CloudLinkState) => void): () => void {
    return this.events.on('state', fn);
  }

  publish(kind: string, payload: string): Promise<void> {
    if (this.failPublish) return Promise.reject(this.failPublish);
    this.published.push({ kind, message: JSON.parse(payload) as Record<string, unknown> });
    return Promise.resolve();
  }

  onMessage(fn: (kind: string, payload: Uint8Array) => void): () => void {
    return this.events.on('message', fn);
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.set('offline');
    return Promise.resolve();
  }

  set(state: CloudLinkState): void {
    this.current = state;
    this.events.emit('state', state);
  }

  /** Delivers one downlink message of `kind` (an object is encoded as JSON). */
  deliver(kind: string, message: Record<string, unknown> | string): void {
    const bytes = new TextEncoder().encode(typeof message === 'string' ? message : JSON.stringify(message));
    this.events.emit('message', kind, bytes);
  }

  /** The messages of one kind published so far. */
  sent(kind: string): Record<string, unknown>[] {
    return this.published.filter((p) => p.kind === kind).map((p) => p.message);
  }
}
