// The identity and format rules both sides of the wire contract must agree on (issue 8: written once,
// imported by the pile and the cloud): registry ids, card numbers, the secret-hash string, ISO 8601
// UTC times, the protocol version and the size limit of one message. Pure: regexes and zod only.
import { z } from 'zod';
import { SECRET_HASH_PATTERN } from '../../shared/secret-hash-format.js';

/** The version of the MQTT contract carried in every message as `v`; another value is refused. */
export const PROTOCOL_VERSION = 1;

/** Largest payload either side accepts (bytes); larger ones are refused unparsed. Pages stay far below. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * A registry id (department, member, fixed-password row, station) on the wire: text, 1–64
 * characters without leading or trailing spaces. The cloud writes its integer keys in decimal; the
 * pile treats ids as opaque text. One id type on both sides: strings.
 */
export const ID_PATTERN = /^\S(.{0,62}\S)?$/;
export const idSchema = z.string().min(1).max(64).regex(ID_PATTERN, 'id: 1–64 characters, no leading or trailing spaces');

/**
 * A card number in canonical form (what the card-reader codec produces and the cloud stores): 4–32
 * upper-case letters or digits, no separators. The one card-number rule of the product.
 */
export const CARD_NO_PATTERN = /^[0-9A-Z]{4,32}$/;
export const cardNoSchema = z.string().regex(CARD_NO_PATTERN, 'card number: 4–32 of 0-9 A-Z');

/**
 * The secret-hash string both sides read and write: `scrypt$N$r$p$<salt>$<key>`, salt and key in
 * base64 — either alphabet (standard `+/` or URL-safe `-_`), padding optional — since the cloud
 * writes base64url and older piles wrote standard base64. Parameters are checked by the verifier.
 */
export { SECRET_HASH_PATTERN };
export const secretHashSchema = z.string().max(256).regex(SECRET_HASH_PATTERN, 'not a scrypt hash string (scrypt$N$r$p$salt$key)');

/** ISO 8601 UTC with a `Z` suffix, e.g. `2024-05-01T08:30:00Z` or with milliseconds. */
export const ISO_UTC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
export const isoUtcSchema = z
  .string()
  .regex(ISO_UTC_PATTERN, 'ISO 8601 UTC time ending in Z')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

/** A message id: 1–64 of letters, digits, `_ . : -` (uuids fit). Replies name the request's id in `re`. */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const messageIdSchema = z.string().regex(MESSAGE_ID_PATTERN, 'message id: 1–64 of A-Z a-z 0-9 _ . : -');

/** Deepest nesting of arrays and objects any message may have (the deepest message kind needs 6). */
export const MAX_JSON_DEPTH = 12;
/** Longest string anywhere in a message (secret hashes, details and names are far below). */
export const MAX_STRING_CHARS = 4_096;

/**
 * The first place where a parsed JSON value breaks the shape bounds (depth, string length), or null.
 * Iterative, so a hostile 300,000-deep nesting cannot overflow the stack of whoever checks it.
 */
export function jsonShapeProblem(value: unknown): string | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > MAX_STRING_CHARS) return `a string of ${v.length} characters (at most ${MAX_STRING_CHARS})`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH}`;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  return null;
}
