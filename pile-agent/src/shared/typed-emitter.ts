// The one event emitter of the code base (house rule R15): a map of event name → listener argument
// list, listeners kept per event in insertion order, `on` returning its own unsubscribe. A listener
// that throws does not unwind into the emitter's owner (a driver's read loop, the session's queue):
// with a logger the error is logged and the other listeners still run; without one it is re-thrown
// after every listener has run. Listeners added or removed during an emit take effect next time.
import type { Logger } from './logger.js';

/** Event name → the arguments its listeners get. */
export type EventArgs<Events> = { readonly [K in keyof Events]: unknown[] };

/** A payload map (name → one payload) as an argument map. */
export type PayloadEvents<Payloads> = { readonly [K in keyof Payloads]: [Payloads[K]] };

type Listener<A extends unknown[]> = (...args: A) => void;

export class TypedEmitter<Events extends EventArgs<Events>> {
  private readonly sets = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly log?: Logger) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.sets.get(event);
    if (!set) this.sets.set(event, (set = new Set()));
    const entry = listener as Listener<never>;
    set.add(entry);
    return () => void set.delete(entry);
  }

  has(event: keyof Events): boolean {
    return this.listenerCount(event) > 0;
  }

  listenerCount(event: keyof Events): number {
    return this.sets.get(event)?.size ?? 0;
  }

  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.sets.get(event);
    if (!set || set.size === 0) return;
    let failure: { error: unknown } | null = null;
    // One listener (the usual case on a frame path) needs no copy of the set.
    const listeners = (set.size === 1 ? set : [...set]) as Iterable<Listener<Events[K]>>;
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch (error) {
        if (this.log) this.log.error({ err: error, event: String(event) }, 'listener threw');
        else failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /** Drops every listener (a closed driver). */
  clear(): void {
    this.sets.clear();
  }
}
