// The agent's fault registry (house rule R10): implements the FaultSink port for every driver and
// keeps the active faults (code, source, detail, since) for the screen, the console and, later, the
// cloud link. Unknown codes are refused with a logged error (the catalog is the only source).
// Listeners hear each raise and clear; raising an active fault again only updates its detail.
import type { Clock } from '../ports/clock.port.js';
import type { FaultSink } from '../ports/fault-sink.port.js';
import { FAULTS, type FaultCode } from '../shared/fault-catalog.js';
import type { Logger } from '../shared/logger.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export interface ActiveFault {
  readonly code: FaultCode;
  readonly source: string;
  readonly severity: (typeof FAULTS)[FaultCode]['severity'];
  readonly description: string;
  readonly detail: string | null;
  /** ISO 8601 UTC. */
  readonly since: string;
}

export type FaultChange = { readonly active: boolean; readonly code: FaultCode; readonly source: string; readonly detail: string | null };

export class FaultRegistry implements FaultSink {
  private readonly active = new Map<string, ActiveFault>();
  private readonly events: TypedEmitter<{ change: [change: FaultChange] }>;

  constructor(private readonly deps: { readonly clock: Clock; readonly logger: Logger }) {
    this.events = new TypedEmitter(deps.logger);
  }

  raise(code: FaultCode, source: string, detail?: string): void {
    if (!(code in FAULTS)) {
      this.deps.logger.error({ code, source }, 'fault raised with a code outside the catalog');
      return;
    }
    const key = `${code}@${source}`;
    const existing = this.active.get(key);
    this.active.set(key, {
      code,
      source,
      severity: FAULTS[code].severity,
      description: FAULTS[code].description,
      detail: detail ?? null,
      since: existing?.since ?? new Date(this.deps.clock.now()).toISOString(),
    });
    if (existing) return;
    this.deps.logger.warn({ code, source, detail }, 'fault raised');
    this.notify({ active: true, code, source, detail: detail ?? null });
  }

  clear(code: FaultCode, source: string): void {
    if (!this.active.delete(`${code}@${source}`)) return;
    this.deps.logger.info({ code, source }, 'fault cleared');
    this.notify({ active: false, code, source, detail: null });
  }

  list(): readonly ActiveFault[] {
    return [...this.active.values()];
  }

  onChange(listener: (change: FaultChange) => void): () => void {
    return this.events.on('change', listener);
  }

  private notify(change: FaultChange): void {
    this.events.emit('change', change);
  }
}
