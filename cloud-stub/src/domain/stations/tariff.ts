// A station's tariff: a base price in fen per kWh plus optional time-of-use periods 尖/峰/平/谷 given in
// local wall time (HH:MM, may wrap midnight, must not overlap), and its validation. The pricing of a
// session is the contract's (pile-agent protocols/sync/tariff-price.ts), shared with the pile. Pure.

export const PERIOD_NAMES = ['尖', '峰', '平', '谷'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

export interface TariffPeriod {
  name: PeriodName;
  start: string; // HH:MM local
  end: string; // HH:MM local, exclusive; end < start wraps midnight
  fenPerKwh: number;
}

export interface Tariff {
  fenPerKwh: number;
  periods: TariffPeriod[];
}

export const DEFAULT_TARIFF: Tariff = { fenPerKwh: 0, periods: [] };
const MAX_RATE = 100_000; // 1000 yuan per kWh: a typo guard
const DAY_MIN = 1440;

function minuteOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** null when valid; else `{field, message}` with a path like `tariff.periods.1.start`. */
export function validateTariff(t: Tariff): { field: string; message: string } | null {
  const rateOk = (r: number) => Number.isInteger(r) && r >= 0 && r <= MAX_RATE;
  if (!rateOk(t.fenPerKwh)) return { field: 'tariff.fenPerKwh', message: `fenPerKwh must be a whole number 0–${MAX_RATE}` };
  const used = new Array<string | null>(DAY_MIN).fill(null);
  for (const [i, p] of t.periods.entries()) {
    const at = `tariff.periods.${i}`;
    if (!PERIOD_NAMES.includes(p.name)) return { field: `${at}.name`, message: `name must be one of ${PERIOD_NAMES.join(' ')}` };
    if (!rateOk(p.fenPerKwh)) return { field: `${at}.fenPerKwh`, message: `fenPerKwh must be a whole number 0–${MAX_RATE}` };
    const s = minuteOf(p.start);
    const e = minuteOf(p.end);
    if (s === null) return { field: `${at}.start`, message: 'start must be HH:MM (00:00–23:59)' };
    if (e === null) return { field: `${at}.end`, message: 'end must be HH:MM (00:00–23:59)' };
    if (s === e) return { field: `${at}.end`, message: 'a period must not start and end at the same time' };
    for (let m = s; m !== e; m = (m + 1) % DAY_MIN) {
      if (used[m] !== null) return { field: `${at}.start`, message: `period ${i} overlaps period ${used[m]}` };
      used[m] = String(i);
    }
  }
  return null;
}

/** The price of a session: the contract's function, so that the pile's screen and the bill agree. */
export { priceSession } from '../../../../pile-agent/contract.js';
