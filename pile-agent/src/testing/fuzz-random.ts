// A seeded random source for fuzz runs (xorshift32): the same seed gives the same cases, so a crash
// found by `npm run bench -- fuzz` is reproduced from the seed and case number it prints. Helpers to
// draw integers, bytes, picks, and to mutate a valid input (flip, insert, delete, truncate, splice).

export class FuzzRandom {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }

  /** The next 32-bit unsigned value. */
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (this.s = x >>> 0);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x1_0000_0000) * n);
  }

  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  bytes(maxLength: number): Uint8Array {
    const out = new Uint8Array(this.int(maxLength + 1));
    for (let i = 0; i < out.length; i++) out[i] = this.next() & 0xff;
    return out;
  }

  /** A printable ASCII string (with a few control characters now and then). */
  text(maxLength: number, alphabet = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'): string {
    let s = '';
    const n = this.int(maxLength + 1);
    for (let i = 0; i < n; i++) s += this.chance(0.02) ? String.fromCharCode(this.int(32)) : alphabet[this.int(alphabet.length)];
    return s;
  }

  /** `valid` changed a little: bytes flipped, inserted or deleted, cut short, or two parts swapped. */
  mutate(valid: Uint8Array): Uint8Array {
    const b = Array.from(valid);
    const edits = 1 + this.int(3);
    for (let e = 0; e < edits; e++) {
      switch (this.int(5)) {
        case 0:
          if (b.length) b[this.int(b.length)] ^= 1 << this.int(8);
          break;
        case 1:
          b.splice(this.int(b.length + 1), 0, this.next() & 0xff);
          break;
        case 2:
          if (b.length) b.splice(this.int(b.length), 1);
          break;
        case 3:
          b.length = this.int(b.length + 1);
          break;
        default: {
          const at = this.int(b.length + 1);
          b.push(...b.splice(0, at));
        }
      }
    }
    return Uint8Array.from(b);
  }

  /** A string changed a little (as text). */
  mutateText(valid: string): string {
    return Buffer.from(this.mutate(Buffer.from(valid, 'latin1'))).toString('latin1');
  }
}
