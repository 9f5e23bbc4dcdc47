// The secret-hash format across the wire (issue 8): a hash the cloud makes (base64url) is accepted by
// the pile's format check and verifies there offline, and a hash the pile makes verifies in the cloud.
// Many random salts, so every base64url character (`-`, `_`) occurs in some hash.
import { describe, expect, it } from 'vitest';
import { hashSecret as cloudHash, verifySecret as cloudVerify } from '../../../cloud-stub/index.js';
import { hashSecret as pileHash, isSecretHash, verifySecret as pileVerify } from '../../../pile-agent/ports.js';
import { SECRET_HASH_PATTERN } from '../../../pile-agent/contract.js';

describe('secret hashes between cloud and pile', () => {
  it('cloud hashes pass the pile check and verify on the pile; a wrong secret does not', async () => {
    const hashes = await Promise.all(Array.from({ length: 24 }, (_, i) => cloudHash(`pw-${i}`)));
    expect(hashes.some((h) => /[-_]/.test(h))).toBe(true);
    for (const [_i, h] of hashes.entries()) {
      expect(SECRET_HASH_PATTERN.test(h)).toBe(true);
      expect(isSecretHash(h)).toBe(true);
    }
    expect(await pileVerify('pw-3', hashes[3])).toBe(true);
    expect(await pileVerify('pw-4', hashes[3])).toBe(false);
  });

  it('pile hashes verify in the cloud', async () => {
    const h = await pileHash('8888');
    expect(await cloudVerify('8888', h)).toBe(true);
    expect(await cloudVerify('8889', h)).toBe(false);
  });
});
