// mosquitto 2's password-file hash (mosquitto_passwd, password_mosq.c): `$7$iterations$salt$hash`
// = PBKDF2-HMAC-SHA512 over the password, 12-byte random salt, 101 iterations, 64-byte key, both in
// standard base64. Written next to the scrypt hash at pile registration and rotation.
import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const MOSQUITTO_ITERATIONS = 101;

export function mosquittoHash(secret: string, salt: Buffer = randomBytes(12), iterations = MOSQUITTO_ITERATIONS): string {
  const key = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `secret` matches a `$7$` hash (used by the tests; mosquitto does the real check). */
export function verifyMosquittoHash(secret: string, hash: string): boolean {
  const m = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
  if (!m) return false;
  const expected = Buffer.from(m[3], 'base64');
  const key = pbkdf2Sync(secret, Buffer.from(m[2], 'base64'), Number(m[1]), expected.length, 'sha512');
  return timingSafeEqual(key, expected);
}
