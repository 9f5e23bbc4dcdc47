// Hex helpers for logs, fixtures and the candump/SLCAN text formats. Pure; accepts upper or lower
// case and optional spaces on input, always produces upper case.

export function toHex(bytes: Uint8Array, sep = ''): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && sep) out += sep;
    out += bytes[i].toString(16).padStart(2, '0');
  }
  return out.toUpperCase();
}

/** Parses "0A 1b" or "0A1B"; returns null on an odd digit count or a non-hex character. */
export function fromHex(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** fromHex for fixtures: throws on bad input (a bad fixture is a programmer error). */
export function hex(text: string): Uint8Array {
  const bytes = fromHex(text);
  if (!bytes) throw new Error(`bad hex fixture: ${text}`);
  return bytes;
}
