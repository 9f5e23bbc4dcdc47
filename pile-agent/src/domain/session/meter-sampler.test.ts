// The meter sampler: the first reading as soon as charging starts (the screen and `status` show the
// meter from the first second), then one per interval, never two reads at once; none after stop().
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { ok } from '../../shared/result.js';
import type { EnergyMeter, MeterReading } from '../../ports/energy-meter.port.js';
import { MeterSampler } from './meter-sampler.js';

const settle = () => new Promise((r) => setImmediate(r));

function meter(clock: FakeClock): EnergyMeter & { reads: number } {
  const m = {
    reads: 0,
    read: async () => {
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
});
