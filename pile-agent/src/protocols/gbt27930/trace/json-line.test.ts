// The JSON line layout of `gbt decode`, and its fast time formatting: for every time with whole
// microseconds the same text as String(t) (the shortest that reads back), over a seeded sweep.
import { describe, expect, it } from 'vitest';
import { jsonLine, seconds } from './json-line.js';

describe('seconds', () => {
  it.each([
    [1_700_000_000, '1700000000.0'],
    [1_700_000_000.01, '1700000000.01'],
    [1_700_000_000.000001, '1700000000.000001'],
    [0.5, '0.5'],
    [12.25, '12.25'],
    [1e-7, '1e-7'],
    [-1.5, '-1.5'],
  ])('%d → %s', (t, text) => expect(seconds(t)).toBe(text));

  it('agrees with String(t) for 200,000 candump times (whole microseconds, 1970–2096)', () => {
    let x = 0x2545f491;
    const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 200_000; i++) {
      const t = Number(`${Math.floor(rand() * 4e9)}.${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`);
      if (!Number.isInteger(t)) expect(seconds(t)).toBe(String(t));
    }
  });
});

describe('jsonLine', () => {
  it('lays out a record with ", " and ": ", t with a decimal point, bytes as hex', () => {
    expect(jsonLine({ t: 1_700_000_000, iface: 'can0', fields: { data: new Uint8Array([1, 0xab]), n: 2, ok: true, none: null }, skip: undefined })).toBe(
      '{"t": 1700000000.0, "iface": "can0", "fields": {"data": "01AB", "n": 2, "ok": true, "none": null}}',
    );
  });
});
