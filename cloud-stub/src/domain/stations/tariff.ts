// A station's tariff and the pricing of one session: a base price in fen per kWh plus optional
// time-of-use periods 尖/峰/平/谷 given in local wall time (HH:MM, may wrap midnight, must not overlap).
// A session's energy is spread evenly over its duration (the record has only start and stop meter
// readings) and each slice is priced at the rate in force; one rounding (half up) at the end. Pure.

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
const MIN_MS = 60_000;

function minuteOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The per-minute rate table of a day (1440 entries). */
function rateTable(t: Tariff): Int32Array {
  const table = new Int32Array(DAY_MIN).fill(t.fenPerKwh);
  for (const p of t.periods) {
    const s = minuteOf(p.start)!;
    const e = minuteOf(p.end)!;
    for (let m = s; m !== e; m = (m + 1) % DAY_MIN) table[m] = p.fenPerKwh;
  }
  return table;
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

/**
 * The amount in fen for `energyWh` delivered evenly between `startMs` and `stopMs` (UTC epoch ms),
 * with the tariff's wall-clock periods read at `utcOffsetMinutes` (480 = China Standard Time).
 */
export function priceSession(t: Tariff, startMs: number, stopMs: number, energyWh: number, utcOffsetMinutes: number): number {
  if (energyWh === 0) return 0;
  const table = rateTable(t);
  const offsetMs = utcOffsetMinutes * MIN_MS;
  const localMinute = (ms: number) => Math.floor((((ms + offsetMs) % 86_400_000) + 86_400_000) % 86_400_000 / MIN_MS);
  if (stopMs <= startMs) {
    return Number((BigInt(energyWh) * BigInt(table[localMinute(startMs)]) * 2n + 1000n) / 2000n);
  }
  let weighted = 0n; // Σ duration_ms × fen/kWh
  let t0 = startMs;
  while (t0 < stopMs) {
    const m = localMinute(t0);
    const rate = table[m];
    let next = m + 1;
    while (next < DAY_MIN && table[next] === rate) next++;
    const intoMinuteMs = (((t0 + offsetMs) % MIN_MS) + MIN_MS) % MIN_MS;
    const t1 = Math.min(stopMs, t0 - intoMinuteMs + (next - m) * MIN_MS);
    weighted += BigInt(t1 - t0) * BigInt(rate);
    t0 = t1;
  }
  const num = BigInt(energyWh) * weighted;
  const den = BigInt(stopMs - startMs) * 1000n;
  return Number((num * 2n + den) / (den * 2n));
}
