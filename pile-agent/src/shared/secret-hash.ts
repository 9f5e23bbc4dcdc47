// Hashing and verifying short secrets (fixed passwords, department stop passwords) with Node's scrypt.
// The hash string carries its own salt and cost parameters, so the cloud may raise the cost later
// without breaking stored hashes. Verification compares in constant time. Slow by design: never call
// this inside a pure decision; verify first and hand the decision the result.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { SECRET_HASH_PATTERN } from './secret-hash-format.js';

/** Cost parameters stored in every hash string. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^14, r 8, p 1: about 16 MiB and a few tens of ms per verification on a charger's ARM core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Bounds that a stored hash may ask for; larger values are treated as malformed (no memory bomb). */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

/** The hash string format (secret-hash-format.ts): salt and key in base64 of either alphabet. */
export { SECRET_HASH_PATTERN };

function derive(secret: string, salt: Buffer, keyBytes: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCb(secret.normalize('NFC'), salt, keyBytes, options, (e, key) => (e ? reject(e) : resolve(key)));
  });
}

function paramsValid({ N, r, p }: ScryptParams): boolean {
  return Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P;
}

/** Hashes a secret with a fresh random salt. */
export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (!paramsValid(params)) throw new RangeError(`scrypt parameters out of range: ${JSON.stringify(params)}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, KEY_BYTES, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(hash: string): ParsedHash | null {
  const m = SECRET_HASH_PATTERN.exec(hash);
  if (!m) return null;
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (!paramsValid(params)) return null;
  const salt = Buffer.from(m[4], 'base64');
  const key = Buffer.from(m[5], 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { params, salt, key };
}

/** True when the string has the hash format and acceptable parameters (does not verify anything). */
export function isSecretHash(hash: string): boolean {
  return parseHash(hash) !== null;
}

/**
 * Verifies a secret against a stored hash in constant time (for a given hash). A malformed hash or
 * out-of-range parameters verify as false, never throw: a bad row must not crash the keypad.
 */
export async function verifySecret(secret: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (!parsed) return false;
  const actual = await derive(secret, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(actual, parsed.key);
}
