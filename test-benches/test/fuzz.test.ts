// A 10,000-case slice of every fuzz target (100 of the XLSX reader) (`npm run bench -- fuzz` runs a million each): no decoder
// or parser throws past its Result type, and each target's invariants hold. A fixed seed per target,
// so a failure here is reproduced by the same run.
import { describe, expect, it } from 'vitest';
import { FuzzRandom, runFuzz } from '../../pile-agent/testing.js';
import { ALL_FUZZ_TARGETS } from '../src/fuzz/all-targets.js';

const CASES = 10_000;
/** The XLSX reader unzips a workbook per case (and some damaged ones wait out a deadline): a smaller slice. */
const casesOf = (name: string) => (name === 'cloud.vehicle-xlsx' ? 100 : CASES);

describe('fuzz slice', () => {
  it('covers every decoder family', () => {
    expect(ALL_FUZZ_TARGETS.map((t) => t.name)).toEqual([
      'gbt.messages',
      'gbt.tp',
      'slcan',
      'modbus.rtu',
      'modbus.mbap',
      'pn532',
      'evdev',
      'candump',
      'sync.messages',
      'hw.profile',
      'cloud.vehicle-csv',
      'cloud.vehicle-xlsx',
    ]);
  });
  for (const [i, target] of ALL_FUZZ_TARGETS.entries())
    it(`${target.name}: ${casesOf(target.name)} cases, no crash`, async () => {
      const cases = casesOf(target.name);
      const out = await runFuzz(target, new FuzzRandom(0x5eed + i), cases);
      expect(out.first).toBeNull();
      expect(out.cases).toBe(cases);
      // The cases reach past the first check: some inputs are accepted, not all.
      expect(out.accepted).toBeGreaterThan(cases / 100);
      expect(out.accepted).toBeLessThan(cases);
    }, 120_000);
});
