// Read planning: one read per contiguous span, merged across allowed holes, split at 125 registers.
import { describe, expect, it } from 'vitest';
import { planReads, wordsFromReads } from './read-plan.js';
import type { RegisterSpec } from './register-decode.js';

const s = (address: number, type: RegisterSpec['type'], extra: Partial<RegisterSpec> = {}): RegisterSpec => ({
  functionCode: 3,
  address,
  type,
  wordOrder: 'big',
  byteOrder: 'big',
  scale: 1,
  unit: 'Wh',
  ...extra,
});

describe('planReads', () => {
  const djsf = [
    s(0x0c, 'u32'),
    s(0x08, 's16', { exponent: { address: 0x09, type: 'u16', bias: -3 } }),
    s(0x00, 'u16', { exponent: { address: 0x01, type: 'u16', bias: -3 } }),
    s(0x02, 's16', { exponent: { address: 0x03, type: 'u16', bias: -3 } }),
  ];

  it('reads the Acrel block 0x0000–0x000D in one request when holes of 4 may be read', () => {
    expect(planReads(djsf, { maxGap: 4 })).toEqual([{ functionCode: 3, address: 0, quantity: 14 }]);
  });

  it('reads only mapped registers with maxGap 0', () => {
    expect(planReads(djsf, { maxGap: 0 })).toEqual([
      { functionCode: 3, address: 0, quantity: 4 },
      { functionCode: 3, address: 8, quantity: 2 },
      { functionCode: 3, address: 12, quantity: 2 },
    ]);
  });

  it('keeps function codes apart and respects the quantity limit', () => {
    const plan = planReads([s(0, 'u16'), s(200, 'u16'), s(0, 'u32', { functionCode: 4 })], { maxGap: 500 });
    expect(plan).toEqual([
      { functionCode: 3, address: 0, quantity: 1 },
      { functionCode: 3, address: 200, quantity: 1 },
      { functionCode: 4, address: 0, quantity: 2 },
    ]);
  });

  it('wordsFromReads finds a register inside any answered block', () => {
    const read = wordsFromReads([{ req: { functionCode: 3, address: 10, quantity: 2 }, words: [7, 8] }]);
    expect([read(3, 10), read(3, 11), read(3, 12), read(4, 10)]).toEqual([7, 8, undefined, undefined]);
  });
});
