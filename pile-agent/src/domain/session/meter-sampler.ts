// Periodic meter sampling while a connector charges: one full reading every `intervalMs`, the next
// one scheduled only after the previous read finished (reads never overlap on a shared RS-485
// bus). Results of a read that was in flight when stop() was called are dropped. Failed reads are
// reported to onError (the meter driver raises its own comm-loss fault).
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { EnergyMeter, MeterReadError, MeterReading } from '../../ports/energy-meter.port.js';

export interface MeterSamplerDeps {
  readonly meter: EnergyMeter;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly onSample: (reading: MeterReading) => void;
  readonly onError: (error: MeterReadError) => void;
}

export class MeterSampler {
  private timer: TimerHandle | null = null;
  private generation = 0;
  private running = false;

  constructor(private readonly deps: MeterSamplerDeps) {}

  get active(): boolean {
    return this.running;
  }

  /** The first reading at once (the charging screen and `status` show the meter from the start), then every interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation++;
    void this.tick(this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(gen: number): void {
    this.timer = this.deps.clock.setTimer(this.deps.intervalMs, () => void this.tick(gen));
  }

  private async tick(gen: number): Promise<void> {
    const r = await this.deps.meter.read();
    if (gen !== this.generation) return;
    if (r.ok) this.deps.onSample(r.value);
    else this.deps.onError(r.error);
    if (gen === this.generation) this.schedule(gen);
  }
}
