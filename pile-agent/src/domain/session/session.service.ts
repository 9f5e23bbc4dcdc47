// The runner of one connector's charging-session machine: feeds it events (inputs from the card
// reader / keypad / screen / cloud, the GB/T link's reports, meter readings, timers) through one
// queue, and executes its effects in order — journal writes first (a failed write raises
// `storage.error` and drops the rest of that step, so no action runs unrecorded), then the link,
// meter, timers and the screen. Also serves the link's decision hook (reference §4.6).
import type { BmsLink } from '../../ports/bms-link.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { EnergyMeter, MeterReading } from '../../ports/energy-meter.port.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import type { Decision } from '../../protocols/gbt27930/charger/charger-types.js';
import type { Brm } from '../../protocols/gbt27930/messages/types.js';
import type { Logger } from '../../shared/logger.js';
import { createSessionMachine, type SessionMachine } from './charging-session.machine.js';
import type { CredentialDecider } from './credential-decider.js';
import { MeterSampler } from './meter-sampler.js';
import type { SessionRecorder } from './session-recorder.js';
import type { ConnectorState, ConnectorView, SessionEffect, SessionEvent, SessionMachineConfig, SessionTimer } from './session.types.js';
import { type PayloadEvents, TypedEmitter } from '../../shared/typed-emitter.js';

/** What the outside may feed: credentials and stops (the rest comes from the link, meter and timers). */
export type SessionInput = Extract<SessionEvent, { type: 'card' | 'password' | 'vin-button' | 'remote-start' | 'remote-stop' }>;

export interface ConnectorSessionEvents {
  state: ConnectorState;
  view: ConnectorView;
  sample: MeterReading;
}

export interface ConnectorSessionDeps {
  readonly connectorId: number;
  readonly machine: SessionMachineConfig;
  readonly meterSampleIntervalMs: number;
  readonly link: BmsLink;
  readonly meter: EnergyMeter;
  readonly recorder: SessionRecorder;
  readonly decider: CredentialDecider;
  readonly faults: FaultSink;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newSessionId: () => string;
}

export class ConnectorSession {
  private readonly machine: SessionMachine;
  private readonly log: Logger;
  private readonly sampler: MeterSampler;
  private readonly timers = new Map<SessionTimer, TimerHandle>();
  private readonly events: TypedEmitter<PayloadEvents<ConnectorSessionEvents>>;
  private readonly unsubscribe: Array<() => void> = [];
  private s: ConnectorState;
  private currentView: ConnectorView = { screen: 'idle' };
  private lastReading: MeterReading | null = null;
  private pendingVin: ((d: Decision) => void) | null = null;
  private queue: SessionEvent[] = [];
  private busy = false;
  private closed = false;

  constructor(private readonly deps: ConnectorSessionDeps) {
    this.machine = createSessionMachine(deps.machine);
    this.s = this.machine.initial;
    this.log = deps.logger.child({ ns: 'agent:domain:session', connector: deps.connectorId });
    this.events = new TypedEmitter(this.log);
    this.sampler = new MeterSampler({
      meter: deps.meter,
      clock: deps.clock,
      intervalMs: deps.meterSampleIntervalMs,
      onSample: (r) => this.onReading(r) && this.feed({ type: 'meter-sample', energyWh: r.energyWh, powerW: r.powerW, atMs: r.atMs }),
      onError: (e) => this.log.warn({ code: e.code }, `meter sample failed: ${e.message}`),
    });
    const link = deps.link;
    this.unsubscribe.push(
      link.on('phase', (p) => p.to === 'stopping' && this.feed({ type: 'link-stopping' })),
      link.on('contactors', (c) => c.closed && c.purpose === 'charging' && this.feed({ type: 'charging-started' })),
      link.on('ended', (e) => this.feed({ type: 'link-ended', outcome: e.outcome, reason: e.reason })),
      deps.meter.onFault((f) => this.feed({ type: 'fault', code: f.code, active: f.active })),
    );
  }

  /** A credential or stop from the card reader, keypad, screen button or the cloud. */
  input(e: SessionInput): void {
    this.feed(e);
  }

  /** A connector fault (CAN adapter, storage) from the fault registry. */
  fault(code: string, active: boolean): void {
    this.feed({ type: 'fault', code, active });
  }

  /** The GB/T link's decision hook: answered when the machine has decided the VIN (never throws). */
  decideVin(brm: Brm): Promise<Decision> {
    return new Promise((resolve) => {
      this.pendingVin?.({ allow: false, reason: 'superseded' });
      this.pendingVin = resolve;
      const session = this.s.session;
      if (this.s.phase !== 'connecting' || !session) {
        this.pendingVin = null;
        resolve({ allow: false, reason: 'no-session' });
        return;
      }
      this.feed({ type: 'vin-decided', decision: this.deps.decider.decideVin(session.decision, brm.vin, brm.vinStatus) });
    });
  }

  get state(): ConnectorState {
    return this.s;
  }

  get view(): ConnectorView {
    return this.currentView;
  }

  get lastMeterReading(): MeterReading | null {
    return this.lastReading;
  }

  on<K extends keyof ConnectorSessionEvents>(event: K, listener: (payload: ConnectorSessionEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Stops timers, sampling and listening; a running session stays open in the journal (recovery closes it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe) off();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.sampler.stop();
    this.pendingVin?.({ allow: false, reason: 'agent-stopping' });
    this.pendingVin = null;
    this.queue = [];
  }

  // ---- queue and effects -------------------------------------------------------------------

  private feed(e: SessionEvent): void {
    if (this.closed) return;
    this.queue.push(e);
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        try {
          this.step(next);
        } catch (error) {
          this.log.error({ err: error, event: next.type }, 'session step failed');
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private step(e: SessionEvent): void {
    const { next, effects } = this.machine.transition(this.s, e);
    const changed = next !== this.s;
    const from = this.s.phase;
    this.s = next;
    if (from !== next.phase) this.log.info({ from, to: next.phase, event: e.type, sessionId: next.session?.sessionId }, 'session phase');
    for (const fx of effects) {
      if (!this.execute(fx)) break;
    }
    if (changed) this.events.emit('state', this.s);
  }

  /** Executes one effect; false stops the rest of the step (a journal write failed). */
  private execute(fx: SessionEffect): boolean {
    switch (fx.type) {
      case 'journal-open':
        return this.record(() => this.deps.recorder.open(fx.session));
      case 'journal':
        return this.record(() => this.deps.recorder.append(fx));
      case 'journal-close':
        return this.record(() => this.deps.recorder.close(fx));
      case 'authorize':
        this.later(
          async () => {
            const decision = await this.deps.decider.decideStart(fx.credential);
            return { type: 'credential-decided', decision, sessionId: this.deps.newSessionId(), atMs: this.deps.clock.now() };
          },
          { type: 'timeout:authorize' },
        );
        return true;
      case 'read-meter-start':
        this.later(
          async () => {
            const r = await this.deps.meter.readEnergyWh();
            return r.ok ? { type: 'meter-start', energyWh: r.value } : { type: 'meter-start-failed', reason: `${r.error.code}: ${r.error.message}` };
          },
          { type: 'meter-start-failed', reason: 'meter read threw' },
        );
        return true;
      case 'read-meter-stop':
        this.later(
          async () => {
            const r = await this.deps.meter.readEnergyWh();
            if (!r.ok) this.log.warn({ code: r.error.code }, 'meter stop unreadable: closing from the last sample');
            return { type: 'meter-stop', energyWh: r.ok ? r.value : null };
          },
          { type: 'meter-stop', energyWh: null },
        );
        return true;
      case 'check-stop-password':
        this.later(async () => ({ type: 'stop-password-checked', ...(await this.deps.decider.checkStopPassword(fx.password, fx.stopBy)) }), {
          type: 'stop-password-checked',
          fixed: false,
          stop: false,
        });
        return true;
      case 'link-start':
        this.deps.link.start();
        return true;
      case 'link-stop':
        this.deps.link.stop(fx.cause, fx.reason);
        return true;
      case 'answer-vin':
        this.pendingVin?.(fx.decision);
        this.pendingVin = null;
        return true;
      case 'sampler-start':
        this.sampler.start();
        return true;
      case 'sampler-stop':
        this.sampler.stop();
        return true;
      case 'start-timer':
        this.startTimer(fx.timer, fx.ms);
        return true;
      case 'cancel-timer':
        this.timers.get(fx.timer)?.cancel();
        this.timers.delete(fx.timer);
        return true;
      case 'view':
        this.currentView = fx.view;
        this.events.emit('view', fx.view);
        return true;
    }
  }

  private record(write: () => unknown): boolean {
    try {
      write();
      return true;
    } catch (error) {
      this.log.error({ err: error }, 'journal write failed: the action it guards is not taken');
      this.deps.faults.raise('storage.error', `connector-${this.deps.connectorId}`, (error as Error).message);
      this.queue.push({ type: 'fault', code: 'storage.error', active: true });
      return false;
    }
  }

  /** Runs an async job and feeds its event; a throw feeds `fallback` (never an unhandled rejection). */
  private later(job: () => Promise<SessionEvent>, fallback: SessionEvent): void {
    job().then(
      (e) => this.feed(e),
      (error: unknown) => {
        this.log.error({ err: error }, 'session job failed');
        this.feed(fallback);
      },
    );
  }

  private startTimer(timer: SessionTimer, ms: number): void {
    this.timers.get(timer)?.cancel();
    const handle = this.deps.clock.setTimer(ms, () => {
      if (this.timers.get(timer) !== handle) return;
      this.timers.delete(timer);
      this.feed({ type: `timeout:${timer}` });
    });
    this.timers.set(timer, handle);
  }

  private onReading(r: MeterReading): true {
    this.lastReading = r;
    this.events.emit('sample', r);
    return true;
  }
}
