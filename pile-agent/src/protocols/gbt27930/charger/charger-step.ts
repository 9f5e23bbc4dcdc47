// A small builder for one transition's result: accumulates effects and state changes, and keeps
// the state's record of running periodic messages and timers in step with the effects it emits
// (so "stop everything" on an end never misses a message or a timer). Pure; no I/O, no clock.
import type { ChargerMessage } from '../messages/types.js';
import { PERIOD_MS, type ChargerMachineConfig, type TimerName } from './charger-config.js';
import type { ChargerEffect, ChargerReport, ChargerState, EventByKey, EventKey, Phase, StepResult } from './charger-types.js';

export class Step {
  private s: ChargerState;
  private readonly fx: ChargerEffect[] = [];

  constructor(
    readonly cfg: ChargerMachineConfig,
    state: ChargerState,
  ) {
    this.s = state;
  }

  get state(): ChargerState {
    return this.s;
  }

  set(patch: Partial<ChargerState>): this {
    this.s = { ...this.s, ...patch };
    return this;
  }

  /** Changes phase and reports it (no report when the phase does not change). */
  to(phase: Phase): this {
    const from = this.s.phase;
    if (from === phase) return this;
    this.s = { ...this.s, phase };
    return this.report({ kind: 'phase', from, to: phase });
  }

  effect(e: ChargerEffect): this {
    this.fx.push(e);
    return this;
  }

  report(report: ChargerReport): this {
    return this.effect({ type: 'report', report });
  }

  send(msg: ChargerMessage): this {
    if (!this.s.sending.includes(msg.name)) this.s = { ...this.s, sending: [...this.s.sending, msg.name] };
    return this.effect({ type: 'send-periodic', msg, periodMs: PERIOD_MS[msg.name] });
  }

  /** Replaces a running message's content; does nothing if it is not being sent. */
  update(msg: ChargerMessage): this {
    return this.s.sending.includes(msg.name) ? this.effect({ type: 'update-periodic', msg }) : this;
  }

  stop(...names: ChargerMessage['name'][]): this {
    for (const name of names) {
      if (!this.s.sending.includes(name)) continue;
      this.s = { ...this.s, sending: this.s.sending.filter((n) => n !== name) };
      this.effect({ type: 'stop-periodic', name });
    }
    return this;
  }

  stopAll(): this {
    return this.stop(...this.s.sending);
  }

  /** Starts (or restarts) a timer with its configured duration. */
  timer(name: TimerName): this {
    if (!this.s.timers.includes(name)) this.s = { ...this.s, timers: [...this.s.timers, name] };
    return this.effect({ type: 'start-timer', timer: name, ms: this.cfg.timeoutsMs[name] });
  }

  cancel(...names: TimerName[]): this {
    for (const name of names) {
      if (!this.s.timers.includes(name)) continue;
      this.s = { ...this.s, timers: this.s.timers.filter((n) => n !== name) };
      this.effect({ type: 'cancel-timer', timer: name });
    }
    return this;
  }

  cancelAll(): this {
    return this.cancel(...this.s.timers);
  }

  done(): StepResult {
    return { next: this.s, effects: this.fx };
  }
}

/** One cell of the transition table: what an event does in a phase. */
export type Handler<K extends EventKey> = (b: Step, e: EventByKey[K]) => Step;
/** One row of the transition table: the events a phase reacts to (others are ignored). */
export type Row = { readonly [K in EventKey]?: Handler<K> };
