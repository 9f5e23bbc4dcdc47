// hashSecret / verifySecret: round trip, wrong secret, salt freshness, parameters carried in the
// string, and malformed or hostile hash strings verifying as false instead of throwing.
import { describe, expect, it } from 'vitest';
import { hashSecret, isSecretHash, verifySecret } from './secret-hash.js';

const FAST = { N: 1024, r: 8, p: 1 };

describe('secret-hash', () => {
  it('verifies the secret it hashed and rejects another', async () => {
    const h = await hashSecret('246810', FAST);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(isSecretHash(h)).toBe(true);
    expect(await verifySecret('246810', h)).toBe(true);
    expect(await verifySecret('246811', h)).toBe(false);
    expect(await verifySecret('', h)).toBe(false);
  });

  it('salts: the same secret hashes differently each time, both verify', async () => {
    const a = await hashSecret('1234', FAST);
    const b = await hashSecret('1234', FAST);
    expect(a).not.toBe(b);
    expect(await verifySecret('1234', a)).toBe(true);
    expect(await verifySecret('1234', b)).toBe(true);
  });

  it('reads the cost parameters from the string (default cost hash still verifies)', async () => {
    const h = await hashSecret('站点密码');
    expect(h.split('$').slice(1, 4)).toEqual(['16384', '8', '1']);
    expect(await verifySecret('站点密码', h)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['other scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['N not a power of two', `scrypt$1000$8$1$c2FsdHNhbHQ=$${'A'.repeat(44)}`],
    ['N too large (memory bomb)', `scrypt$1073741824$8$1$c2FsdHNhbHQ=$${'A'.repeat(44)}`],
    ['key too short', 'scrypt$1024$8$1$c2FsdHNhbHQ=$AAAA'],
    ['garbage base64', 'scrypt$1024$8$1$!!!$???'],
  ])('a malformed hash (%s) verifies as false', async (_name, hash) => {
    expect(isSecretHash(hash)).toBe(false);
    expect(await verifySecret('1234', hash)).toBe(false);
  });

  it('refuses to create a hash with out-of-range parameters', async () => {
    await expect(hashSecret('x', { N: 3, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });
});
