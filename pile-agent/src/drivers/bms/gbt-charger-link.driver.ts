// The GB/T 27930 charger link (BmsLink port) over a CanChannel: a thin runner that feeds received
// frames through the TP receiver machine and the codecs into the charger machine
// (protocols/gbt27930/charger), and executes the effects as data: periodic messages and timers on
// the injected Clock, TP.CM answers, the decision hook, typed events and a frame trace. All input
// (frames, timers, decisions, commands) goes through one queue, so re-entrant deliveries are safe.
// Malformed frames are logged and ignored, never thrown; listener exceptions are logged.
import type { BmsLink, BmsLinkEvents, BmsLinkSnapshot, PowerStageReport, StopCause } from '../../ports/bms-link.port.js';
import type { CanChannel, CanFrame } from '../../ports/can-channel.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import { createChargerMachine, type ChargerMachine } from '../../protocols/gbt27930/charger/charger.machine.js';
import type { ChargerEffect, ChargerEvent, ChargerState } from '../../protocols/gbt27930/charger/charger-types.js';
import { frameFor } from '../../protocols/gbt27930/messages/index.js';
import type { Brm, ChargerMessage, GbtMessage } from '../../protocols/gbt27930/messages/types.js';
import { BMS_ADDRESS, CHARGER_ADDRESS } from '../../protocols/gbt27930/pgn-table.js';
import { encodeTpCm, type TpCm } from '../../protocols/gbt27930/transport/tp-cm.js';
import { TP_RECEIVER_IDLE, tpReceive, type TpReceiverEvent, type TpReceiverState } from '../../protocols/gbt27930/transport/tp-receiver.machine.js';
import { tpCmId } from '../../protocols/gbt27930/transport/tp-segment.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { ctsAt, type GbtChargerLinkConfig } from './gbt-charger-link.config.js';
import { callDecisionHook, type DecideFn } from './decision-hook.js';
import { classifyRx, decodeBmsMessage } from './gbt-rx.js';
import { eventOfEffect } from './link-events.js';
import { type PayloadEvents, TypedEmitter } from '../../shared/typed-emitter.js';
import { PeriodicSender } from './periodic-sender.js';

export interface GbtChargerLinkDeps {
  readonly can: CanChannel;
  readonly clock: Clock;
  /** The authorisation hook, called once per session with the first complete BRM (§4.6). */
  readonly decide: DecideFn;
  readonly logger: Logger;
  readonly config: GbtChargerLinkConfig;
}

type Input =
  | { readonly kind: 'frame'; readonly frame: CanFrame; readonly atMs: number }
  | { readonly kind: 'machine'; readonly event: ChargerEvent; readonly session: number }
  | { readonly kind: 'tp'; readonly event: TpReceiverEvent; readonly session: number };

const TO_BMS = { source: CHARGER_ADDRESS, destination: BMS_ADDRESS };
const TERMINAL = new Set(['idle', 'ended', 'refused']);

export class GbtChargerLink implements BmsLink {
  private readonly machine: ChargerMachine;
  private readonly log: Logger;
  private readonly periodic: PeriodicSender;
  private readonly timers = new Map<string, TimerHandle>();
  private readonly events: TypedEmitter<PayloadEvents<BmsLinkEvents>>;
  private state: ChargerState;
  private tp: TpReceiverState = TP_RECEIVER_IDLE;
  private session = 0;
  private queue: Input[] = [];
  private busy = false;
  private closed = false;
  private readonly unsubscribe: () => void;
  private socPct: number | null = null;

  constructor(private readonly deps: GbtChargerLinkDeps) {
    this.machine = createChargerMachine(deps.config.machine);
    this.state = this.machine.initial;
    this.log = deps.logger.child({ ns: 'agent:drivers:gbt-charger-link' });
    this.events = new TypedEmitter<PayloadEvents<BmsLinkEvents>>(this.log);
    this.periodic = new PeriodicSender(deps.clock, (msg) => this.sendMessage(msg));
    this.unsubscribe = deps.can.onFrame((frame, atMs) => this.enqueue({ kind: 'frame', frame, atMs }));
  }

  start(): void {
    if (this.closed) throw new AgentError(AgentErrorCode.DriverNotOpen, 'GB/T charger link is closed');
    if (!TERMINAL.has(this.state.phase)) {
      this.log.warn({ phase: this.state.phase }, 'start ignored: a session is running');
      return;
    }
    this.session++;
    this.socPct = null;
    this.state = this.machine.initial;
    this.tp = TP_RECEIVER_IDLE;
    this.toMachine({ type: 'start' });
  }

  stop(cause: StopCause, reason: string): void {
    this.toMachine({ type: 'local-stop', cause, reason });
  }

  power(report: PowerStageReport): void {
    this.toMachine(report);
  }

  on<K extends keyof BmsLinkEvents>(event: K, listener: (payload: BmsLinkEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  snapshot(): BmsLinkSnapshot {
    const brm = this.state.brm;
    return { phase: this.state.phase, vin: brm?.vin ?? null, vinStatus: brm?.vinStatus ?? null, recoveries: this.state.recoveries, socPct: this.socPct };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.periodic.stopAll();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.queue = [];
    this.events.clear();
  }

  // ---- input queue -------------------------------------------------------------------------

  private toMachine(event: ChargerEvent): void {
    this.enqueue({ kind: 'machine', event, session: this.session });
  }

  private enqueue(input: Input): void {
    if (this.closed) return;
    this.queue.push(input);
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        try {
          this.process(next);
        } catch (error) {
          this.log.error({ err: error, input: next.kind }, 'GB/T link input failed');
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private process(input: Input): void {
    if (input.kind === 'frame') return this.onFrame(input.frame, input.atMs);
    if (input.session !== this.session) return; // a timer or decision of an earlier session
    if (input.kind === 'tp') return this.runTp(input.event, null);
    this.runMachine(input.event);
  }

  private get live(): boolean {
    return !TERMINAL.has(this.state.phase);
  }

  private onFrame(frame: CanFrame, atMs: number): void {
    const item = classifyRx(frame);
    switch (item.kind) {
      case 'rejected':
        this.log.warn({ id: frame.id.toString(16), error: item.error }, 'CAN frame ignored');
        return this.trace({ direction: 'rx', atMs, frame, error: item.error });
      case 'message':
        this.trace({ direction: 'rx', atMs, frame, message: item.msg });
        if (this.live) this.runMachine({ type: 'bms', msg: item.msg });
        return;
      case 'tp-cm':
        this.trace({ direction: 'rx', atMs, frame, ...(item.cm ? { transport: item.cm } : { error: 'bad TP.CM' }) });
        if (this.live) this.runTp({ type: 'cm', data: item.data }, frame);
        return;
      case 'tp-dt':
        this.trace({ direction: 'rx', atMs, frame });
        if (this.live) this.runTp({ type: 'dt', data: item.data }, frame);
    }
  }

  // ---- TP receiver (reference §3.4) --------------------------------------------------------

  private runTp(event: TpReceiverEvent, lastFrame: CanFrame | null): void {
    const step = tpReceive(this.tp, event, this.deps.config.tp);
    this.tp = step.state;
    for (const fx of step.effects) {
      switch (fx.type) {
        case 'send':
          this.sendTpCm(fx.cm);
          break;
        case 'deliver': {
          const item = decodeBmsMessage(fx.pgn, fx.data);
          const frame = lastFrame ?? { id: 0, extended: true, data: fx.data };
          const atMs = this.deps.clock.monotonic();
          if (item.kind === 'message') {
            this.trace({ direction: 'rx', atMs, frame, message: item.msg });
            this.runMachine({ type: 'bms', msg: item.msg });
          } else {
            const error = item.kind === 'rejected' ? item.error : `unexpected ${item.kind}`;
            this.log.warn({ pgn: fx.pgn, error }, 'TP message ignored');
            this.trace({ direction: 'rx', atMs, frame, error });
          }
          break;
        }
        case 'start-timer':
          this.setTimer(`tp:${fx.timer}`, fx.ms, { kind: 'tp', event: { type: `timeout:${fx.timer}` }, session: this.session });
          break;
        case 'cancel-timer':
          this.cancelTimer(`tp:${fx.timer}`);
          break;
        case 'discarded':
          this.log.warn({ pgn: fx.pgn, reason: fx.reason }, 'TP transfer discarded');
          break;
        case 'ignored':
          this.log.debug({ reason: fx.reason }, 'TP frame ignored');
          break;
      }
    }
  }

  // ---- charger machine ---------------------------------------------------------------------

  private runMachine(event: ChargerEvent): void {
    const { next, effects } = this.machine.transition(this.state, event);
    this.state = next;
    for (const fx of effects) this.execute(fx);
  }

  private execute(fx: ChargerEffect): void {
    switch (fx.type) {
      case 'send-periodic':
        return this.periodic.start(fx.msg, fx.periodMs);
      case 'update-periodic':
        return this.periodic.update(fx.msg);
      case 'stop-periodic':
        return this.periodic.stop(fx.name);
      case 'start-timer':
        return this.setTimer(`m:${fx.timer}`, fx.ms, { kind: 'machine', event: { type: `timeout:${fx.timer}` } as ChargerEvent, session: this.session });
      case 'cancel-timer':
        return this.cancelTimer(`m:${fx.timer}`);
      case 'ask-decision':
        return this.askDecision(fx.brm);
    }
    const ev = eventOfEffect(fx);
    if (!ev) return;
    if (ev.name === 'ended') this.endCleanup(ev.payload);
    if (ev.name === 'measurement' && ev.payload.msg.name === 'BCS') this.socPct = ev.payload.msg.socPercent;
    this.events.emit(ev.name, ev.payload as never);
  }

  /** Belt and braces after the machine's own end sequence: nothing keeps running. */
  private endCleanup(end: BmsLinkEvents['ended']): void {
    this.periodic.stopAll();
    this.tp = TP_RECEIVER_IDLE;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.log.info({ outcome: end.outcome, reason: end.reason }, 'GB/T session ended');
  }

  private askDecision(brm: Brm): void {
    const session = this.session;
    callDecisionHook(this.deps.decide, brm, this.log, (decision) => this.enqueue({ kind: 'machine', event: { type: 'decision', decision }, session }));
  }

  // ---- timers, sending, events -------------------------------------------------------------

  private setTimer(key: string, ms: number, input: Input): void {
    this.cancelTimer(key);
    const handle = this.deps.clock.setTimer(ms, () => {
      if (this.timers.get(key) !== handle) return;
      this.timers.delete(key);
      this.enqueue(input);
    });
    this.timers.set(key, handle);
  }

  private cancelTimer(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  private sendMessage(msg: ChargerMessage): void {
    const out: GbtMessage = msg.name === 'CTS' && !this.deps.config.ctsOmitTime ? ctsAt(this.deps.clock.now(), this.deps.config.ctsUtcOffsetMin) : msg;
    let frame: CanFrame;
    try {
      frame = frameFor(out, this.deps.config.machine.edition);
    } catch (error) {
      this.log.error({ err: error, msg: out.name }, 'cannot encode charger message');
      return;
    }
    this.send(frame, { message: out });
  }

  private sendTpCm(cm: TpCm): void {
    this.send({ id: tpCmId(TO_BMS), extended: true, data: encodeTpCm(cm) }, { transport: cm });
  }

  private send(frame: CanFrame, what: { message?: GbtMessage; transport?: TpCm }): void {
    this.trace({ direction: 'tx', atMs: this.deps.clock.monotonic(), frame, ...what });
    const failed = (error: unknown): void => this.log.warn({ err: error, id: frame.id.toString(16) }, 'CAN send failed');
    try {
      this.deps.can.send(frame).catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  private trace(record: BmsLinkEvents['trace']): void {
    if (this.events.has('trace')) this.events.emit('trace', record);
  }
}
