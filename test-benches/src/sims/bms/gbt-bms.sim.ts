// The simulated GB/T 27930 BMS (a bus's battery management system) on any CanChannel: the thin
// runner of bms.machine.ts (phases, §4.3) and tp-sender.machine.ts (TP sender, §3.4). It executes
// effects, turns Clock timers into events, builds messages (bms-messages.ts) and encodes them with
// pile-agent's codecs (bms-wire.ts), runs behaviours, and records what it saw. Everything runs in
// one serial job queue, so a synchronous channel answering inside send() never re-enters a transition.
import type { BmsMessage } from '../../../../pile-agent/protocols.js';
import type { CanChannel, CanFrame, Clock, Logger, TimerHandle } from '../../../../pile-agent/ports.js';
import { applyCcs, initialBattery, readBattery, stopCurrent, type BatteryReadings, type BatteryState } from './bms-battery.model.js';
import type { BsmFault } from './bms-faults.js';
import { bmsTransition } from './bms.machine.js';
import { initialBmsState, type BmsEffect, type BmsEvent, type BmsPhase, type BmsState, type BmsTimer, type BstCauses, type PeriodicMessage } from './bms-machine.types.js';
import { buildMessage } from './bms-messages.js';
import { emptyObservations, observeInbound, observeTpControl, type BmsObservations } from './bms-observations.js';
import { behaviorsOf, resolveBmsSettings, timerDurationMs, type BmsSimConfig } from './bms-config.js';
import type { BmsSettings } from './bms-settings.js';
import { abortFrame, classifyInbound, encodeOutbound, isAckOf, type TpOutbound } from './bms-wire.js';
import type { BehaviorContext, BmsBehavior, InboundSeen, OutboundSeen } from './behaviors/behavior.js';
import { initialTpSender, tpSenderTransition, type TpSenderEvent, type TpSenderState } from './tp-sender.machine.js';
import { TypedEmitter } from '../../../../pile-agent/ports.js';

export interface BmsSimDeps {
  readonly can: CanChannel;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: BmsSimConfig;
}

export type { BmsSimConfig } from './bms-config.js';

export type BmsTraceListener = (direction: 'rx' | 'tx', frame: CanFrame) => void;

export class GbtBmsSim {
  private readonly events = new TypedEmitter<{ phase: [phase: BmsPhase, reason: string] }>();
  readonly settings: BmsSettings;
  readonly observations: BmsObservations = emptyObservations();
  private state: BmsState;
  private tp: TpSenderState;
  private tpMessage: { name: BmsMessage['name']; transfer: TpOutbound } | null = null;
  private tpTimer: TimerHandle | null = null;
  private battery: BatteryState;
  private readonly faults = new Set<BsmFault>();
  private readonly periodic = new Map<PeriodicMessage, TimerHandle>();
  private readonly timers = new Map<BmsTimer, TimerHandle>();
  private readonly jobs: (() => void)[] = [];
  private running = false;
  private subscriptions: (() => void)[] = [];
  private readonly traceListeners = new Set<BmsTraceListener>();
  private readonly behaviors: readonly BmsBehavior[];
  private readonly log: Logger;

  constructor(private readonly deps: BmsSimDeps) {
    this.settings = resolveBmsSettings(deps.config);
    this.behaviors = behaviorsOf(deps.config);
    this.state = initialBmsState(this.settings.edition);
    this.tp = initialTpSender(this.settings.tp);
    this.battery = initialBattery(this.settings.battery, this.settings.identity.ratedCapacityDeciAh);
    this.log = deps.logger.child({ ns: 'bench:sims:gbt-bms', edition: this.settings.edition });
  }

  /** Listens on the channel (which the caller opens) and powers the BMS on (aux power, §4.1 step 2). */
  start(): void {
    if (this.subscriptions.length) return;
    this.subscriptions = [this.deps.can.onFrame((frame) => this.enqueue(() => this.onFrame(frame))), this.deps.can.onError((e) => this.log.warn({ code: e.code }, `CAN channel: ${e.message}`))];
    this.enqueue(() => this.dispatch({ type: 'power-on' }));
  }

  /** Powers off (stops every message and timer) and stops listening. Idempotent. */
  stop(): void {
    this.enqueue(() => this.dispatch({ type: 'power-off' }));
    this.enqueue(() => this.tpEvent({ type: 'cancel' }));
    for (const off of this.subscriptions) off();
    this.subscriptions = [];
  }

  get phase(): BmsPhase {
    return this.state.phase;
  }

  get batteryReadings(): BatteryReadings {
    return readBattery(this.battery, this.settings.battery);
  }

  get activeFaults(): readonly BsmFault[] {
    return [...this.faults];
  }

  /** Shows a fault in BSM from the next BSM on (§2.4); the charger decides what to do with it. */
  raiseFault(fault: BsmFault): void {
    this.faults.add(fault);
    this.log.info({ fault }, 'fault raised');
  }

  clearFault(fault: BsmFault): void {
    this.faults.delete(fault);
    this.log.info({ fault }, 'fault cleared');
  }

  /** A BMS-initiated stop with these BST causes (§4.7), e.g. `{ insulationFault: 1 }`; only in ready/charging. */
  requestStop(causes: BstCauses): void {
    this.enqueue(() => this.dispatch({ type: 'stop-request', causes }));
  }

  onPhase(listener: (phase: BmsPhase, reason: string) => void): () => void {
    return this.events.on('phase', listener);
  }

  /** Every frame the BMS hears (`rx`, addressed to it or not) and puts on the wire (`tx`). */
  onTrace(listener: BmsTraceListener): () => void {
    this.traceListeners.add(listener);
    return () => void this.traceListeners.delete(listener);
  }

  private enqueue(job: () => void): void {
    this.jobs.push(job);
    if (this.running) return;
    this.running = true;
    try {
      for (let j = this.jobs.shift(); j; j = this.jobs.shift()) {
        try {
          j();
        } catch (e) {
          this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'BMS simulator job failed');
        }
      }
    } finally {
      this.running = false;
    }
  }

  private ctx(): BehaviorContext {
    return { phase: this.state.phase, nowMs: this.deps.clock.monotonic(), battery: this.batteryReadings, settings: this.settings };
  }

  private onFrame(frame: CanFrame): void {
    for (const l of this.traceListeners) l('rx', frame);
    const c = classifyInbound(frame, this.settings.edition);
    if (c.kind === 'foreign') return void this.observations.ignored.foreign++;
    if (c.kind === 'bad') {
      this.observations.ignored.bad++;
      return this.log.warn({ code: c.error.code }, `frame from the charger ignored: ${c.error.message}`);
    }
    const seen: InboundSeen = c.kind === 'message' ? { kind: 'message', msg: c.msg } : { kind: 'tp', cm: c.cm };
    const ctx = this.ctx();
    const verdict = this.behaviors.reduce<ReturnType<NonNullable<BmsBehavior['onInbound']>>>((v, b) => v ?? b.onInbound?.(seen, ctx), undefined);
    if (verdict?.action === 'ignore') return void this.observations.ignored.byBehavior++;
    if (verdict?.action === 'answer') {
      this.sendRaw(verdict.frames);
      if (!verdict.alsoAccept) return;
    }
    if (seen.kind === 'tp') return this.onTpControl(seen.cm);
    const msg = seen.msg;
    observeInbound(this.observations, msg);
    this.dispatch({ type: 'rx', msg });
    if (msg.name === 'CCS' && this.state.phase === 'charging') {
      this.battery = applyCcs(this.battery, this.settings.battery, msg, this.deps.clock.monotonic());
      if (this.batteryReadings.socPercent >= this.settings.targetSocPercent) this.dispatch({ type: 'stop-request', causes: { socTargetReached: 1 } });
    }
  }

  private onTpControl(cm: Extract<InboundSeen, { kind: 'tp' }>['cm']): void {
    observeTpControl(this.observations, cm);
    if (cm.type === 'cts') this.tpEvent({ type: 'cts', pgn: cm.pgn, count: cm.packets, next: cm.nextPacket });
    else if (cm.type === 'eoma' && this.tpMessage && isAckOf(cm, this.tpMessage.transfer)) this.tpEvent({ type: 'eoma', pgn: cm.pgn });
    else if (cm.type === 'abort') this.tpEvent({ type: 'abort', pgn: cm.pgn });
  }

  private dispatch(e: BmsEvent): void {
    const tr = bmsTransition(this.state, e, this.settings.timing);
    this.state = tr.state;
    for (const fx of tr.effects) this.apply(fx);
  }

  private apply(fx: BmsEffect): void {
    switch (fx.kind) {
      case 'start-periodic':
        return this.startPeriodic(fx.message);
      case 'stop-periodic':
        return this.stopPeriodic(fx.message);
      case 'stop-all-periodic':
        return [...this.periodic.keys()].forEach((m) => this.stopPeriodic(m));
      case 'start-timer': {
        this.timers.get(fx.name)?.cancel();
        const handle = this.deps.clock.setTimer(timerDurationMs(fx.name, this.settings.timing), () =>
          this.enqueue(() => this.timers.get(fx.name) === handle && (this.timers.delete(fx.name), this.dispatch({ type: 'timeout', name: fx.name }))),
        );
        this.timers.set(fx.name, handle);
        return;
      }
      case 'cancel-timer':
        this.timers.get(fx.name)?.cancel();
        return void this.timers.delete(fx.name);
      case 'cancel-all-timers':
        for (const t of this.timers.values()) t.cancel();
        return this.timers.clear();
      case 'output-stopped':
        this.battery = stopCurrent(this.battery, this.settings.battery, this.deps.clock.monotonic());
        return;
      case 'phase': {
        this.observations.phases.push({ phase: fx.phase, reason: fx.reason, atMs: this.deps.clock.monotonic() });
        this.log.info({ phase: fx.phase }, `BMS phase ${fx.phase}: ${fx.reason}`);
        this.events.emit('phase', fx.phase, fx.reason);
      }
    }
  }

  private startPeriodic(m: PeriodicMessage): void {
    this.periodic.get(m)?.cancel();
    const period = this.settings.timing.periodsMs[m];
    const schedule = (): void => {
      const handle = this.deps.clock.setTimer(period, () =>
        this.enqueue(() => {
          if (this.periodic.get(m) !== handle) return;
          schedule();
          this.tick(m);
        }),
      );
      this.periodic.set(m, handle);
    };
    schedule();
    this.tick(m);
  }

  private stopPeriodic(m: PeriodicMessage): void {
    this.periodic.get(m)?.cancel();
    this.periodic.delete(m);
    if (this.tpMessage?.name === m && this.tp.s !== 'idle') this.tpEvent({ type: 'cancel' });
  }

  /** One period of a message: build, encode, then a single frame or (a step of) a TP transfer. */
  private tick(m: PeriodicMessage): void {
    const msg = buildMessage(m, { state: this.state, settings: this.settings, battery: this.batteryReadings, faults: this.faults });
    if (msg.name === 'BEM') this.observations.lastBem = msg;
    const out = encodeOutbound(msg, this.settings.edition);
    if (out.kind === 'frame') return this.emit(m, 'frame', out.frame);
    if (this.tp.s !== 'idle' && this.tpMessage?.name === m) return this.tpEvent({ type: 'period' });
    this.tpMessage = { name: m, transfer: out.transfer };
    this.tpEvent({ type: 'start', pgn: out.transfer.pgn, totalPackets: out.transfer.totalPackets });
  }

  private tpEvent(e: TpSenderEvent): void {
    const tr = tpSenderTransition(this.tp, e, this.settings.tp);
    this.tp = tr.state;
    const cur = this.tpMessage;
    for (const fx of tr.effects) {
      if (fx.kind === 'start-timer') {
        this.tpTimer?.cancel();
        const handle = this.deps.clock.setTimer(fx.ms, () => this.enqueue(() => this.tpTimer === handle && this.tpEvent({ type: 'timeout' })));
        this.tpTimer = handle;
      } else if (fx.kind === 'cancel-timer') {
        this.tpTimer?.cancel();
        this.tpTimer = null;
      } else if (!cur) {
      } else if (fx.kind === 'send-rts') this.emit(cur.name, 'rts', cur.transfer.rts);
      else if (fx.kind === 'send-dt') fx.seqs.forEach((n) => this.emit(cur.name, 'dt', cur.transfer.dts[n - 1]));
      else if (fx.kind === 'send-abort') this.emit(cur.name, 'abort', abortFrame(cur.transfer.pgn, fx.reason));
      else if (fx.kind === 'done') this.observations.tpCompleted[cur.name] = (this.observations.tpCompleted[cur.name] ?? 0) + 1;
      else if (fx.kind === 'failed') {
        this.observations.tpFailed.push({ message: cur.name, reason: fx.reason, atMs: this.deps.clock.monotonic() });
        this.log.debug({ message: cur.name, reason: fx.reason }, 'TP transfer failed; retried at the next period');
      }
    }
  }

  /** Behaviours see every outbound frame first; the first verdict decides what goes on the wire. */
  private emit(name: BmsMessage['name'], role: OutboundSeen['role'], frame: CanFrame): void {
    const seen: OutboundSeen = { message: name, role, frame };
    const ctx = this.ctx();
    const verdict = this.behaviors.reduce<ReturnType<NonNullable<BmsBehavior['onOutbound']>>>((v, b) => v ?? b.onOutbound?.(seen, ctx), undefined);
    const frames = verdict?.frames ?? [frame];
    if (frames.includes(frame)) this.observations.framesSent[name] = (this.observations.framesSent[name] ?? 0) + 1;
    if (verdict?.delayMs && verdict.delayMs > 0) this.deps.clock.setTimer(verdict.delayMs, () => this.enqueue(() => this.sendRaw(frames)));
    else this.sendRaw(frames);
  }

  private sendRaw(frames: readonly CanFrame[]): void {
    for (const f of frames) {
      for (const l of this.traceListeners) l('tx', f);
      this.deps.can.send(f).catch((e: unknown) => this.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'CAN send failed'));
    }
  }
}
