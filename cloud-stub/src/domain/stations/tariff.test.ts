// Station tariff validation and time-of-use pricing (energy spread evenly over the session).
import { describe, expect, it } from 'vitest';
import { priceSession, validateTariff, type Tariff } from './tariff.js';

const CST = 480;
const at = (iso: string) => Date.parse(iso);
const tou: Tariff = {
  fenPerKwh: 100, // 平 by default: 1.00 yuan/kWh
  periods: [
    { name: '谷', start: '23:00', end: '07:00', fenPerKwh: 40 }, // wraps midnight
    { name: '峰', start: '08:00', end: '11:00', fenPerKwh: 150 },
    { name: '尖', start: '11:00', end: '12:00', fenPerKwh: 200 },
  ],
};

describe('validateTariff', () => {
  it('accepts a flat and a time-of-use tariff', () => {
    expect(validateTariff({ fenPerKwh: 120, periods: [] })).toBeNull();
    expect(validateTariff(tou)).toBeNull();
  });
  it.each([
    [{ fenPerKwh: -1, periods: [] }, 'tariff.fenPerKwh'],
    [{ fenPerKwh: 1.5, periods: [] }, 'tariff.fenPerKwh'],
    [{ fenPerKwh: 1, periods: [{ name: '峰', start: '8:00', end: '09:00', fenPerKwh: 1 }] }, 'tariff.periods.0.start'],
    [{ fenPerKwh: 1, periods: [{ name: '峰', start: '08:00', end: '24:00', fenPerKwh: 1 }] }, 'tariff.periods.0.end'],
    [{ fenPerKwh: 1, periods: [{ name: '峰', start: '08:00', end: '08:00', fenPerKwh: 1 }] }, 'tariff.periods.0.end'],
    [{ fenPerKwh: 1, periods: [{ name: 'x', start: '08:00', end: '09:00', fenPerKwh: 1 }] }, 'tariff.periods.0.name'],
    [{ fenPerKwh: 1, periods: [...tou.periods, { name: '平', start: '06:30', end: '07:30', fenPerKwh: 1 }] }, 'tariff.periods.3.start'],
  ])('rejects %o at %s', (t, field) => {
    expect(validateTariff(t as Tariff)?.field).toBe(field);
  });
});

describe('priceSession', () => {
  it('prices a flat tariff: 120.000 kWh × 1.00 = 120.00 yuan', () => {
    expect(priceSession({ fenPerKwh: 100, periods: [] }, at('2024-05-01T00:00:00Z'), at('2024-05-01T01:00:00Z'), 120_000, CST)).toBe(12_000);
  });
  it('rounds half up once: 1 Wh at 150 fen/kWh = 0.15 fen → 0; 4 Wh → 0.6 → 1', () => {
    const flat: Tariff = { fenPerKwh: 150, periods: [] };
    expect(priceSession(flat, 0, 60_000, 1, CST)).toBe(0);
    expect(priceSession(flat, 0, 60_000, 4, CST)).toBe(1);
  });
  it('splits a session across 峰 and 尖 in local time (UTC+8)', () => {
    // 10:30–11:30 local = 02:30–03:30Z: half at 150, half at 200; 10 kWh → 5×150 + 5×200 = 1750 fen
    expect(priceSession(tou, at('2024-05-01T02:30:00Z'), at('2024-05-01T03:30:00Z'), 10_000, CST)).toBe(1750);
  });
  it('handles the 谷 period wrapping midnight, and the 平 gap 07:00–08:00', () => {
    // 22:00–02:00 local: 1 h 平 (100) + 3 h 谷 (40); 4 kWh → 100 + 120 = 220 fen
    expect(priceSession(tou, at('2024-05-01T14:00:00Z'), at('2024-05-01T18:00:00Z'), 4_000, CST)).toBe(220);
    // 06:00–08:00 local: 1 h 谷 + 1 h 平; 2 kWh → 40 + 100 = 140
    expect(priceSession(tou, at('2024-05-01T22:00:00Z'), at('2024-05-02T00:00:00Z'), 2_000, CST)).toBe(140);
  });
  it('splits mid-minute starts exactly: 10:59:30–11:00:30 local, 1 kWh → 0.5×150 + 0.5×200 = 175', () => {
    expect(priceSession(tou, at('2024-05-01T02:59:30Z'), at('2024-05-01T03:00:30Z'), 1_000, CST)).toBe(175);
  });
  it('prices a zero-length session at the start rate, and zero energy at zero', () => {
    expect(priceSession(tou, at('2024-05-01T03:10:00Z'), at('2024-05-01T03:10:00Z'), 1_000, CST)).toBe(200);
    expect(priceSession(tou, 0, 3_600_000, 0, CST)).toBe(0);
  });
});

describe('priceSession at any length', () => {
  const tou: Tariff = {
    fenPerKwh: 100,
    periods: [
      { name: '谷', start: '23:00', end: '07:00', fenPerKwh: 40 },
      { name: '峰', start: '18:00', end: '21:00', fenPerKwh: 150 },
    ],
  };
  const at = (s: string) => Date.parse(s);
  it("prices whole days exactly as the day's mean rate (no walk over days)", () => {
    // Mean rate of a day: (8 h × 40 + 3 h × 150 + 13 h × 100) / 24 = 2070 / 24 fen/kWh.
    const t0 = performance.now();
    const fen = priceSession(tou, at('0001-01-01T00:00:00Z') - 480 * 60_000, at('9999-01-01T00:00:00Z') - 480 * 60_000, 24_000, 480);
    expect(performance.now() - t0).toBeLessThan(1_000); // a walk over days took 5 s here
    expect(fen).toBe(2070);
  });
  it('gives the same as a 2-day session split at midnight', () => {
    const a = priceSession(tou, at('2024-05-01T10:00:00Z'), at('2024-05-03T10:00:00Z'), 48_000, 480);
    expect(a).toBe(2 * 2070);
  });
  it('prices sessions before 1970 (negative epoch) like any other', () => {
    expect(priceSession(tou, at('1969-12-31T16:00:00Z'), at('1970-01-01T16:00:00Z'), 24_000, 480)).toBe(2070);
  });
});
