// The identity rules of the contract: one card-number rule, one id type, the secret-hash string in
// either base64 alphabet (the cloud writes base64url, the pile standard base64).
import { describe, expect, it } from 'vitest';
import { CARD_NO_PATTERN, ID_PATTERN, ISO_UTC_PATTERN, SECRET_HASH_PATTERN } from './wire-rules.js';

describe('wire rules', () => {
  it.each([
    ['04A1B2C3', true],
    ['1234', true],
    ['123', false],
    ['04a1b2c3', false],
    ['04-A1', false],
    ['A'.repeat(32), true],
    ['A'.repeat(33), false],
  ])('card number %s → %s', (card, ok) => expect(CARD_NO_PATTERN.test(card)).toBe(ok));

  it.each([
    ['12', true],
    ['D1', true],
    ['沪A车队', true],
    [' 12', false],
    ['12 ', false],
    ['', false],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
  ])('id %j → %s', (id, ok) => expect(ID_PATTERN.test(id)).toBe(ok));

  it('accepts hashes in both base64 alphabets, with or without padding', () => {
    expect(SECRET_HASH_PATTERN.test('scrypt$16384$8$1$AAECAwQFBgcICQoLDA0ODw==$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=')).toBe(true);
    expect(SECRET_HASH_PATTERN.test('scrypt$16384$8$1$-_-_AAECAwQFBgcICQoLDA$q83vEjRWeJq83vEjR_-eJq83vEjRWeJq83vEjRWeJq80')).toBe(true);
    expect(SECRET_HASH_PATTERN.test('scrypt$16384$8$1$salt with space$key')).toBe(false);
    expect(SECRET_HASH_PATTERN.test('bcrypt$10$abc$def$ghi$jkl')).toBe(false);
  });

  it('times are UTC with Z', () => {
    expect(ISO_UTC_PATTERN.test('2026-05-01T08:00:00Z')).toBe(true);
    expect(ISO_UTC_PATTERN.test('2026-05-01T08:00:00.123Z')).toBe(true);
    expect(ISO_UTC_PATTERN.test('2026-05-01T16:00:00+08:00')).toBe(false);
  });
});
