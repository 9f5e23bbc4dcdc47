// Screen number formats from the integer units the agent keeps (fen, Wh, W, mV, mA, seconds).
import { describe, expect, it } from 'vitest';
import { formatAmps, formatCountdown, formatDuration, formatFen, formatKw, formatKwh, formatVolts, vinTail } from './format.js';

describe('screen number formats from integer units', () => {
  it.each([
    [1234, '¥12.34'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [99_999_999, '¥999999.99'],
    [-50, '-¥0.50'],
  ])('fen %d → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it.each([
    [12345, '12.35'], // half up at the 3rd decimal
    [12344, '12.34'],
    [0, '0.00'],
    [5, '0.01'],
    [4, '0.00'],
    [152_340, '152.34'],
  ])('Wh %d → %s kWh', (wh, text) => expect(formatKwh(wh)).toBe(text));

  it('refuses non-integer money and energy', () => {
    expect(() => formatFen(12.5)).toThrow(/integer fen/);
    expect(() => formatKwh(1.5)).toThrow(/integer Wh/);
  });

  it('electrical values and times', () => {
    expect(formatKw(96_500)).toBe('96.5');
    expect(formatVolts(612_449)).toBe('612.4');
    expect(formatAmps(157_650)).toBe('157.7');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(-3)).toBe('0:00:00');
    expect(formatCountdown(299)).toBe('4:59');
    expect(formatCountdown(0.2)).toBe('0:01');
    expect(vinTail('LZYTBTE68K1019834')).toBe('019834');
    expect(vinTail(null)).toBe('—');
  });
});
