// Text formatting shared by the console commands: durations, energy/power/voltage/current from the
// integer units the agent keeps (Wh, W, mV, mA), ISO times, aligned columns, and config redaction.
// Pure; plain ASCII layout so any serial terminal shows it (data such as plates may be UTF-8).
import type { MeterReading } from '../../ports/energy-meter.port.js';

/** 299_000 → "4m 59s"; 600_000 → "10m"; 1500 → "1.5s"; 200 → "200ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const totalS = Math.ceil(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean).join(' ');
}

/** Integer thousandths as a decimal: (123456, 'kWh') → "123.456 kWh". */
export function milli(value: number, unit: string): string {
  const sign = value < 0 ? '-' : '';
  const a = Math.abs(Math.trunc(value));
  return `${sign}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')} ${unit}`;
}

/** `energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A` */
export function formatMeter(r: MeterReading): string {
  return `energy ${milli(r.energyWh, 'kWh')}, power ${milli(r.powerW, 'kW')}, ${milli(r.voltageMv, 'V')}, ${milli(r.currentMa, 'A')}`;
}

/** ISO 8601 UTC without milliseconds: 2026-01-01T08:00:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Terminal columns of a text: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
  }
  return w;
}

/** Left-aligned columns separated by two spaces; the first row is usually a header. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  const pad = (c: string, w: number) => c + ' '.repeat(Math.max(0, w - displayWidth(c)));
  return rows.map((row) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : pad(c, widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

const SECRET_WORDS = new Set(['pin', 'password', 'passwd', 'passphrase', 'secret', 'hash', 'token', 'key', 'credential', 'credentials']);
export const REDACTED = '<redacted>';

/**
 * True for keys like `technicianPinHash`, `mqtt_password`, `apiKey`: the key's last word (camelCase / _ /
 * - words) names a secret. A key that only mentions one (`maxPasswordDigits`, `passwordFile`: a limit,
 * a path) is shown.
 */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_\-.]+/)
    .filter(Boolean);
  return SECRET_WORDS.has(words.at(-1) ?? '');
}

/** A deep copy with every value under a secret-looking key replaced by `<redacted>`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : redact(v);
    return out;
  }
  return value;
}

/** `{a: {b: 1}, c: [x]}` → ["a.b = 1", "c = [\"x\"]"], sorted by path. */
export function flatten(value: unknown, prefix = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) return prefix ? [`${prefix} = {}`] : [];
    return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix} = ${typeof value === 'string' ? value : JSON.stringify(value ?? null)}`];
}
