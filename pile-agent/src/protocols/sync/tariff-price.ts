// The price of a session under a station's tariff (contract page "whitelist/page", entity `station`),
// defined once for both sides: the pile shows the cost so far on its charging screen, the cloud bills
// the finished session, and both get the same fen. A base price in fen per kWh plus time-of-use
// periods in local wall time (HH:MM, may wrap midnight). The record has only start and stop meter
// readings, so the energy is spread evenly over the session's duration and each part is priced at the
// rate in force; one rounding (half up) at the end. Arithmetic, not a walk over days: the integral of
// the rate over [start, stop] is whole days × the day's integral plus two partial days from a
// per-minute prefix table, so a session of any length costs the same few operations. Pure.

export interface PricedTariff {
  readonly fenPerKwh: number;
  readonly periods: readonly { readonly start: string; readonly end: string; readonly fenPerKwh: number }[];
}

const DAY_MIN = 1440;
const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

function minuteOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface DayTable {
  readonly rate: Int32Array;
  /** prefix[m] = Σ rate of minutes 0..m-1 (fen/kWh × minutes); exact in a double (≤ 1440 × 10⁶). */
  readonly prefix: Float64Array;
}

/** Built tables by the tariff's content (callers often parse the same tariff afresh): a few at most. */
const tables = new Map<string, DayTable>();
const MAX_TABLES = 32;

function dayTable(t: PricedTariff): DayTable {
  const key = `${t.fenPerKwh};${t.periods.map((p) => `${p.start}-${p.end}@${p.fenPerKwh}`).join(',')}`;
  const cached = tables.get(key);
  if (cached) return cached;
  const rate = new Int32Array(DAY_MIN).fill(t.fenPerKwh);
  for (const p of t.periods) {
    const s = minuteOf(p.start);
    const e = minuteOf(p.end);
    for (let m = s; m !== e; m = (m + 1) % DAY_MIN) rate[m] = p.fenPerKwh;
  }
  const prefix = new Float64Array(DAY_MIN + 1);
  for (let m = 0; m < DAY_MIN; m++) prefix[m + 1] = prefix[m] + rate[m];
  const table = { rate, prefix };
  if (tables.size >= MAX_TABLES) tables.delete(tables.keys().next().value as string);
  tables.set(key, table);
  return table;
}

/** ∫ rate dt from local midnight of day 0 to local instant `ms` (fen/kWh × ms), as a BigInt. */
function integral(d: DayTable, ms: number): bigint {
  const days = Math.floor(ms / DAY_MS);
  const into = ms - days * DAY_MS;
  const minute = Math.floor(into / MIN_MS);
  const partial = d.prefix[minute] * MIN_MS + d.rate[minute] * (into - minute * MIN_MS);
  return BigInt(days) * BigInt(d.prefix[DAY_MIN] * MIN_MS) + BigInt(partial);
}

/**
 * The amount in fen for `energyWh` delivered evenly between `startMs` and `stopMs` (UTC epoch ms),
 * with the periods read at `utcOffsetMinutes` (480 = China Standard Time). A zero-length session is
 * priced at the rate in force at its start.
 */
export function priceSession(t: PricedTariff, startMs: number, stopMs: number, energyWh: number, utcOffsetMinutes: number): number {
  if (energyWh === 0) return 0;
  const d = dayTable(t);
  const offsetMs = utcOffsetMinutes * MIN_MS;
  if (stopMs <= startMs) {
    const local = (((startMs + offsetMs) % DAY_MS) + DAY_MS) % DAY_MS;
    return Number((BigInt(energyWh) * BigInt(d.rate[Math.floor(local / MIN_MS)]) * 2n + 1000n) / 2000n);
  }
  const weighted = integral(d, stopMs + offsetMs) - integral(d, startMs + offsetMs);
  const num = BigInt(energyWh) * weighted;
  const den = BigInt(stopMs - startMs) * 1000n;
  return Number((num * 2n + den) / (den * 2n));
}
