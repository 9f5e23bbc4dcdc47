// Console text formatting: durations, integer thousandths, CJK column widths, secret-key detection,
// redaction and flattening of the config.
import { describe, expect, it } from 'vitest';
import { columns, displayWidth, flatten, formatDuration, isSecretKey, milli, redact } from './format.js';

describe('format', () => {
  it.each([
    [0, '0ms'],
    [200, '200ms'],
    [1500, '1.5s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [299_000, '4m 59s'],
    [299_001, '5m'],
    [3_723_000, '1h 2m 3s'],
  ])('formatDuration(%i) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('prints integer thousandths with three decimals, negative too', () => {
    expect(milli(123_456, 'kWh')).toBe('123.456 kWh');
    expect(milli(5, 'A')).toBe('0.005 A');
    expect(milli(-92_300, 'A')).toBe('-92.300 A');
  });

  it('counts CJK characters as two terminal columns and aligns columns by it', () => {
    expect(displayWidth('沪A32567')).toBe(8);
    expect(
      columns([
        ['plate', 'x'],
        ['沪A1', 'y'],
      ]),
    ).toEqual(['plate  x', '沪A1   y']);
  });

  it.each([
    ['technicianPinHash', true],
    ['pin', true],
    ['mqtt_password', true],
    ['apiKey', true],
    ['token', true],
    ['client-secret', true],
    ['pileId', false],
    ['keypadLockoutMs', false],
    ['mapping', false],
    ['shipping', false],
    ['idleLogoutMs', false],
    ['maxPasswordDigits', false],
    ['passwordFile', false],
    ['stopPasswordVersion', false],
  ])('isSecretKey(%s) = %s', (key, secret) => expect(isSecretKey(key)).toBe(secret));

  it('redacts nested secrets, keeps null secrets visible as null, and flattens to sorted paths', () => {
    const safe = redact({ b: { password: 'x', list: [{ token: 't' }] }, a: 1, pinHash: null });
    expect(safe).toEqual({ b: { password: '<redacted>', list: [{ token: '<redacted>' }] }, a: 1, pinHash: null });
    expect(flatten(safe)).toEqual(['a = 1', 'b.list = [{"token":"<redacted>"}]', 'b.password = <redacted>', 'pinHash = null']);
  });
});
