// The meter sampler: the first reading as soon as charging starts (the screen and `status` show the
// meter from the first second), then one per interval, never two reads at once; none after stop().
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { ok } from '../../shared/result.js';
import type { EnergyMeter, MeterReading } from '../../ports/energy-meter.port.js';
import { MeterSampler } from './meter-sampler.js';

const settle = () => new Promise((r) => setImmediate(r));

/** A meter whose read takes `readMs` on the (fake) line. */
function meter(clock: FakeClock, readMs = 0): EnergyMeter & { reads: number; busy: number; maxBusy: number } {
  const m = {
    reads: 0,
    busy: 0,
    maxBusy: 0,
    read: async () => {
      m.busy++;
      m.maxBusy = Math.max(m.maxBusy, m.busy);
      if (readMs) await new Promise<void>((r) => clock.setTimer(readMs, r));
      m.busy--;
      m.reads++;
      return ok({ energyWh: 1_000 + m.reads, powerW: 60_000, voltageMv: 600_000, currentMa: 100_000, atMs: clock.now() } as MeterReading);
    },
    readEnergyWh: async () => ok(1_000),
    onFault: () => () => {},
    close: async () => {},
  };
  return m;
}

describe('MeterSampler', () => {
  it('reads at once on start, then every interval, and stops', async () => {
    const clock = new FakeClock();
    const m = meter(clock);
    const samples: number[] = [];
    const s = new MeterSampler({ meter: m, clock, intervalMs: 10_000, onSample: (r) => samples.push(r.energyWh), onError: () => {} });
    s.start();
    await settle();
    expect(samples).toEqual([1_001]);
    clock.advance(9_999);
    await settle();
    expect(samples).toEqual([1_001]);
    clock.advance(1);
    await settle();
    expect(samples).toEqual([1_001, 1_002]);
    s.stop();
    clock.advance(60_000);
    await settle();
    expect(samples).toEqual([1_001, 1_002]);
    expect(m.reads).toBe(2);
  });

  it("keeps the period from read start to read start: a read's time on the line does not stretch it", async () => {
    const clock = new FakeClock();
    const m = meter(clock, 100);
    const at: number[] = [];
    const t0 = clock.now();
    const s = new MeterSampler({ meter: m, clock, intervalMs: 500, onSample: (r) => at.push(r.atMs - t0), onError: () => {} });
    s.start();
    for (let t = 0; t < 2_000; t += 50) {
      clock.advance(50);
      await settle();
    }
    s.stop();
    // Reads start at 0, 500, 1000, 1500 and each ends 100 ms later.
    expect(at).toEqual([100, 600, 1_100, 1_600]);
    expect(m.maxBusy).toBe(1);
  });

  it('a read longer than the interval is followed at once, never overlapped', async () => {
    const clock = new FakeClock();
    const m = meter(clock, 700);
    const at: number[] = [];
    const t0 = clock.now();
    const s = new MeterSampler({ meter: m, clock, intervalMs: 500, onSample: (r) => at.push(r.atMs - t0), onError: () => {} });
    s.start();
    for (let t = 0; t < 2_100; t += 50) {
      clock.advance(50);
      await settle();
    }
    s.stop();
    expect(at).toEqual([700, 1_400, 2_100]);
    expect(m.maxBusy).toBe(1);
  });
});
