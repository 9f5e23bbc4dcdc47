// The canonical card number the authorization logic sees (STYLE "RFID reader"): fixed case, fixed
// byte order, no separators. Depots print card numbers differently, so the reader's profile names
// the format: `hex` (UID bytes in reader order, upper case: "04A2B3C4"), `decimal-le` (the 4-byte UID
// read little-endian as a 10-digit decimal, the number printed on many M1 cards in China) or
// `decimal-be`. The cloud's card numbers must use the same format as the station's readers.

export type CardNumberFormat = 'hex' | 'decimal-le' | 'decimal-be';

export function canonicalCardNumber(uid: Uint8Array, format: CardNumberFormat = 'hex'): string {
  if (format === 'hex' || uid.length !== 4) {
    let s = '';
    for (const b of uid) s += b.toString(16).padStart(2, '0');
    return s.toUpperCase();
  }
  const v = format === 'decimal-le' ? (uid[0] | (uid[1] << 8) | (uid[2] << 16)) + uid[3] * 0x1000000 : (uid[3] | (uid[2] << 8) | (uid[1] << 16)) + uid[0] * 0x1000000;
  return String(v).padStart(10, '0');
}

/** Normalises a card number typed by a person (console, cloud): trims, drops spaces/colons/dashes, upper-cases hex. */
export function normaliseCardNumberText(text: string): string {
  return text
    .trim()
    .replace(/[\s:-]/g, '')
    .toUpperCase();
}
