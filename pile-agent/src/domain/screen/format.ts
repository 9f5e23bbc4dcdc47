// Number formatting for the screen from the integer units the agent keeps: fen → ¥12.34, Wh → kWh
// with 2 decimals, W → kW, mV → V, mA → A, seconds → H:MM:SS, VIN → its last 6. Integer arithmetic
// where rounding matters (half away from zero), so 1234 fen is always "¥12.34". Pure.

function fixed(value: number, divisor: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = Math.round((Math.abs(value) * scale) / divisor);
  const int = Math.floor(scaled / scale);
  const frac = String(scaled % scale).padStart(decimals, '0');
  const sign = value < 0 && scaled !== 0 ? '-' : '';
  return decimals > 0 ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

/** 1234 → "¥12.34"; -50 → "-¥0.50". */
export function formatFen(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  const abs = fixed(Math.abs(fen), 100, 2);
  return fen < 0 ? `-¥${abs}` : `¥${abs}`;
}

/** 12345 → "12.35" (kWh). */
export function formatKwh(energyWh: number): string {
  if (!Number.isInteger(energyWh)) throw new RangeError(`energy must be integer Wh, got ${energyWh}`);
  return fixed(energyWh, 1000, 2);
}

/** 60500 → "60.5" (kW). */
export function formatKw(powerW: number): string {
  return fixed(powerW, 1000, 1);
}

/** 612345 → "612.3" (V). */
export function formatVolts(voltageMv: number): string {
  return fixed(voltageMv, 1000, 1);
}

/** 98765 → "98.8" (A). */
export function formatAmps(currentMa: number): string {
  return fixed(currentMa, 1000, 1);
}

/** 3725 → "1:02:05"; 65 → "0:01:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** 299 → "4:59" (lockout countdowns). */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The last 6 characters of a VIN, or "—". */
export function vinTail(vin: string | null | undefined): string {
  return vin && vin.length >= 6 ? vin.slice(-6) : '—';
}
