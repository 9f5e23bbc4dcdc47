// Shared data rules of the auth benchmark (loader and decision process): sizes and card numbers.
export const BENCH_SIZES = { vehicles: 100_000, cards: 100_000, departments: 200 } as const;

/** Unique 8-hex-digit card number for i (multiplication by an odd constant is a bijection mod 2^32). */
export function benchCardNo(i: number): string {
  return (Math.imul(i + 1, 0x9e3779b1) >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
