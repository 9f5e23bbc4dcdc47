// A typed event map for drivers (house rule R15): name → payload type, listeners as sets, and an
// emit that logs a listener's exception instead of letting it unwind into the driver.
import type { Logger } from '../../shared/logger.js';

type Listener<P> = (payload: P) => void;

export class TypedEmitter<Events extends object> {
  private readonly sets = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.sets.get(event);
    if (!set) this.sets.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => void set.delete(listener as Listener<never>);
  }

  has(event: keyof Events): boolean {
    return (this.sets.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.sets.get(event);
    if (!set) return;
    for (const listener of [...set] as Listener<Events[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.log.error({ err: error, event: String(event) }, 'listener threw');
      }
    }
  }

  clear(): void {
    this.sets.clear();
  }
}
