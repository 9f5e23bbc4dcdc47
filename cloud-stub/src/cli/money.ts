// Money as the operator types and reads it: yuan with at most two decimals ("999999", "12.50",
// "-3.2" for a correction) converted exactly to integer fen by string arithmetic (never through a
// float), and integer fen shown back as yuan. Prices per kWh use the same rule.

/** Integer fen for a yuan amount, or an error message. `allowNegative` only for corrections. */
export function parseYuan(text: string, opts: { allowNegative?: boolean; allowZero?: boolean } = {}): number | string {
  const t = text
    .trim()
    .replace(/[,，_]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/\s*(元|yuan|CNY)$/i, '');
  const m = /^([+-]?)(\d+)(?:\.(\d{0,2}))?$/.exec(t) ?? /^([+-]?)()\.(\d{1,2})$/.exec(t);
  if (!m) {
    if (/^[+-]?\d*\.\d{3,}$/.test(t)) return `"${text}" has more than two decimals: amounts are in yuan to the fen (0.01)`;
    return `"${text}" is not an amount in yuan (e.g. 999999 or 12.50)`;
  }
  const [, sign, whole, frac = ''] = m;
  const fen = Number(whole || '0') * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return `"${text}" is too large`;
  if (sign === '-' && fen !== 0 && !opts.allowNegative) return `"${text}" is negative: top-ups are positive (use a correction with a reason)`;
  if (fen === 0 && !opts.allowZero) return `"${text}" is zero`;
  return sign === '-' ? -fen : fen;
}

/** "1234.50" for 123450 fen; "-0.05" for -5. */
export function formatYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1234.567" kWh for 1234567 Wh. */
export function formatKwh(wh: number): string {
  const abs = Math.abs(wh);
  return `${wh < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}
