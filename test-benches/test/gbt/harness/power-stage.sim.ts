// The simulated power stage behind the agent's GB/T charger link (BmsLink port): it answers the
// link's requests as the insulation monitor, the DC converter and the meter would (reference §4.1
// steps 4 and 7): insulation passes, pre-charge completes, and while the output is set it reports
// `output-measured` periodically with energy integrated (integer Wh on the record, ×speed to match a
// BMS simulator whose SOC runs faster than real time). Demo and end-to-end test wiring, not a product part.
import type { BmsLink, Clock, TimerHandle } from '../../../../pile-agent/ports.js';

export interface PowerStageOptions {
  /** Delay before the insulation check reports a pass. Default 50 ms. */
  readonly insulationMs?: number;
  /** Delay before the pre-charge reports done. Default 50 ms. */
  readonly prechargeMs?: number;
  /** Period of `output-measured` reports while the output is on. Default 100 ms. */
  readonly measureEveryMs?: number;
  /** Time speed-up for energy and charging time (give the BMS simulator's socSpeed). Default 1. */
  readonly speed?: number;
  /** Make the insulation check fail (for refusal-of-power tests). Default false. */
  readonly insulationFails?: boolean;
}

export interface PowerStageSnapshot {
  readonly energyWh: number;
  readonly voltageDeciV: number;
  readonly currentDeciA: number;
  readonly chargingTimeMin: number;
}

export class PowerStageSim {
  private readonly o: Required<PowerStageOptions>;
  private readonly off: Array<() => void> = [];
  private readonly pending = new Set<TimerHandle>();
  private meter: TimerHandle | null = null;
  private setpoint = { voltageDeciV: 0, currentDeciA: 0 };
  private batteryVoltageDeciV = 0;
  private energyWhExact = 0;
  private chargingMsExact = 0;
  private lastMs = 0;

  constructor(
    private readonly link: BmsLink,
    private readonly clock: Clock,
    options: PowerStageOptions = {},
  ) {
    this.o = {
      insulationMs: options.insulationMs ?? 50,
      prechargeMs: options.prechargeMs ?? 50,
      measureEveryMs: options.measureEveryMs ?? 100,
      speed: options.speed ?? 1,
      insulationFails: options.insulationFails ?? false,
    };
    this.off.push(
      link.on('insulation-check', () => this.later(this.o.insulationMs, () => link.power({ type: 'insulation-result', ok: !this.o.insulationFails }))),
      link.on('prepare-output', (p) => {
        this.batteryVoltageDeciV = p.batteryVoltageDeciV;
        this.later(this.o.prechargeMs, () => link.power({ type: 'precharge-done', ok: true }));
      }),
      link.on('measurement', ({ msg }) => {
        if (msg.name === 'BCS') this.batteryVoltageDeciV = msg.measuredVoltageDeciV;
      }),
      link.on('output', (o) => (o.action === 'set' ? this.set(o.voltageDeciV, o.currentDeciA) : this.set(this.setpoint.voltageDeciV, 0, o.action === 'off'))),
      link.on('aux-power', (a) => a.on && this.newSession()),
      link.on('ended', () => this.reset()),
    );
  }

  /** What the meter shows now (energy of the current or last session). */
  snapshot(): PowerStageSnapshot {
    return {
      energyWh: Math.round(this.energyWhExact),
      voltageDeciV: this.measuredVoltage(),
      currentDeciA: this.setpoint.currentDeciA,
      chargingTimeMin: Math.floor(this.chargingMsExact / 60_000),
    };
  }

  /** Stops every timer and listener. Idempotent. */
  close(): void {
    for (const f of this.off.splice(0)) f();
    this.stopMeter();
    for (const t of this.pending) t.cancel();
    this.pending.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = this.clock.setTimer(ms, () => {
      this.pending.delete(t);
      fn();
    });
    this.pending.add(t);
  }

  private set(voltageDeciV: number, currentDeciA: number, outputOff = false): void {
    this.integrate();
    this.setpoint = { voltageDeciV, currentDeciA };
    if (outputOff) return this.stopMeter();
    if (!this.meter && currentDeciA > 0) {
      this.lastMs = this.clock.monotonic();
      this.scheduleMeter();
    }
  }

  private measuredVoltage(): number {
    // The converter follows the battery: the measured voltage is the battery's, capped by the setpoint.
    const battery = this.batteryVoltageDeciV || this.setpoint.voltageDeciV;
    return Math.min(battery, this.setpoint.voltageDeciV || battery);
  }

  private integrate(): void {
    if (!this.meter) return;
    const now = this.clock.monotonic();
    const dtMs = (now - this.lastMs) * this.o.speed;
    this.lastMs = now;
    const watts = (this.measuredVoltage() / 10) * (this.setpoint.currentDeciA / 10);
    this.energyWhExact += (watts * dtMs) / 3_600_000;
    this.chargingMsExact += dtMs;
  }

  private scheduleMeter(): void {
    this.meter = this.clock.setTimer(this.o.measureEveryMs, () => {
      this.integrate();
      const s = this.snapshot();
      this.link.power({ type: 'output-measured', ...s });
      this.scheduleMeter();
    });
  }

  private stopMeter(): void {
    this.meter?.cancel();
    this.meter = null;
  }

  private newSession(): void {
    this.reset();
    this.energyWhExact = 0;
    this.chargingMsExact = 0;
    this.batteryVoltageDeciV = 0;
  }

  private reset(): void {
    this.stopMeter();
    for (const t of this.pending) t.cancel();
    this.pending.clear();
    this.setpoint = { voltageDeciV: 0, currentDeciA: 0 };
  }
}
