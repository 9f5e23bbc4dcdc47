// A 10,000-case slice of every fuzz target (`npm run bench -- fuzz` runs a million each): no decoder
// or parser throws past its Result type, and each target's invariants hold. A fixed seed per target,
// so a failure here is reproduced by the same run.
import { describe, expect, it } from 'vitest';
import { FuzzRandom, runFuzz } from '../../pile-agent/testing.js';
import { ALL_FUZZ_TARGETS } from '../src/fuzz/all-targets.js';

const CASES = 10_000;

describe('fuzz slice', () => {
  it('covers every decoder family', () => {
    expect(ALL_FUZZ_TARGETS.map((t) => t.name)).toEqual(['gbt.messages', 'gbt.tp', 'slcan', 'modbus.rtu', 'modbus.mbap', 'pn532', 'evdev', 'candump', 'sync.messages', 'hw.profile']);
  });
  for (const [i, target] of ALL_FUZZ_TARGETS.entries())
    it(`${target.name}: ${CASES} cases, no crash`, () => {
      const out = runFuzz(target, new FuzzRandom(0x5eed + i), CASES);
      expect(out.first).toBeNull();
      expect(out.cases).toBe(CASES);
      // The cases reach past the first check: some inputs are accepted, not all.
      expect(out.accepted).toBeGreaterThan(CASES / 100);
      expect(out.accepted).toBeLessThan(CASES);
    }, 120_000);
});
