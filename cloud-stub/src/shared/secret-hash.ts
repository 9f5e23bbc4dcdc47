// scrypt hashing for every secret the cloud keeps (account passwords, pile MQTT secrets, stop and
// fixed passwords). Format `scrypt$N$r$p$salt$hash` (base64url) so piles can verify offline with
// the same parameters. Verification is constant-time. Nothing here stores or logs a secret.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** False for a wrong secret or a malformed hash (never throws on bad input). */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every(Number.isInteger) || n > 1 << 20) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await derive(secret, salt, n, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no secret matches, used to spend the same time on unknown users. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;

/** A random secret of `bytes` bytes as base64url (pile secrets, generated admin passwords, tokens). */
export const randomSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url');
