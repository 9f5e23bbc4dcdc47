// Periodic meter sampling while a connector charges: one full reading every `intervalMs`, counted
// from the start of one read to the start of the next (a read's time on the line does not stretch the
// period, so a power cut loses at most one interval of energy), and the next read never before the
// previous one finished (reads never overlap on a shared RS-485 bus; a read longer than the interval
// is followed at once). Results of a read that was in flight when stop() was called are dropped.
// Failed reads are reported to onError (the meter driver raises its own comm-loss fault).
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

  private schedule(gen: number, delayMs: number): void {
    this.timer = this.deps.clock.setTimer(delayMs, () => void this.tick(gen));
  }

  private async tick(gen: number): Promise<void> {
    const startedAt = this.deps.clock.now();
    const r = await this.deps.meter.read();
    if (gen !== this.generation) return;
    if (r.ok) this.deps.onSample(r.value);
    else this.deps.onError(r.error);
    if (gen === this.generation) this.schedule(gen, Math.max(0, this.deps.intervalMs - (this.deps.clock.now() - startedAt)));
  }
}
