// Register map entries → integer engineering units, and back (the bench meter's encoder): every
// type, word order, byte order, scale, exponent register and unit conversion.
import { describe, expect, it } from 'vitest';
import { decodeQuantity, encodeQuantity, type RegisterSpec, type WordSource } from './register-decode.js';

const spec = (over: Partial<RegisterSpec>): RegisterSpec => ({
  functionCode: 3,
  address: 0,
  type: 'u16',
  wordOrder: 'big',
  byteOrder: 'big',
  scale: 1,
  unit: 'Wh',
  ...over,
});
const regs =
  (words: number[], base = 0): WordSource =>
  (fc, a) =>
    fc === 3 ? words[a - base] : undefined;

describe('decodeQuantity', () => {
  it.each([
    ['u16', [0xfffe], 'big', 'big', 65534],
    ['s16', [0xfffe], 'big', 'big', -2],
    ['u32', [0x0001, 0x0002], 'big', 'big', 0x00010002],
    ['u32', [0x0002, 0x0001], 'little', 'big', 0x00010002],
    ['s32', [0xffff, 0xfffe], 'big', 'big', -2],
    ['u32', [0x0100, 0x0200], 'big', 'little', 0x00010002],
    ['u64', [0x0000, 0x0000, 0x0001, 0x0000], 'big', 'big', 65536],
    ['f32', [0x4144, 0x0000], 'big', 'big', 12], // 12.25 → 12
    ['f32', [0x0000, 0x4144], 'little', 'big', 12],
  ] as const)('%s words %j (%s words, %s bytes) → %d', (type, words, wordOrder, byteOrder, expected) => {
    expect(decodeQuantity('energy', spec({ type, wordOrder, byteOrder }), regs([...words]))).toEqual({ ok: true, value: expected });
  });

  it('applies scale and converts the source unit (0.01 kWh → Wh, kW float → W)', () => {
    expect(decodeQuantity('energy', spec({ type: 'u32', scale: 0.01, unit: 'kWh' }), regs([0, 21018]))).toEqual({ ok: true, value: 210180 });
    expect(decodeQuantity('power', spec({ type: 'f32', unit: 'kW' }), regs([0x4316, 0x8000]))).toEqual({ ok: true, value: 150500 });
  });

  it('applies a decimal-point register with bias (Acrel: value × 10^(dp − 3))', () => {
    const v = spec({ address: 0, unit: 'V', exponent: { address: 1, type: 'u16', bias: -3 } });
    expect(decodeQuantity('voltage', v, regs([7500, 2]))).toEqual({ ok: true, value: 750000 }); // 750.0 V
    const i = spec({ address: 2, type: 's16', unit: 'A', exponent: { address: 3, type: 'u16', bias: -3 } });
    expect(decodeQuantity('current', i, regs([0, 0, 0xfb2e, 1]))).toEqual({ ok: true, value: -12_340 }); // −1234 × 10^(1−3) A = −12.34 A
  });

  it('rounds half away from zero', () => {
    expect(decodeQuantity('energy', spec({ scale: 0.5 }), regs([3]))).toEqual({ ok: true, value: 2 });
    expect(decodeQuantity('current', spec({ type: 's16', scale: 0.5, unit: 'mA' }), regs([0xfffd]))).toEqual({ ok: true, value: -2 });
  });

  it('names each failure', () => {
    expect(decodeQuantity('energy', spec({ unit: 'V' }), regs([1]))).toMatchObject({ ok: false, error: { code: 'bad-unit' } });
    expect(decodeQuantity('energy', spec({ type: 'u32' }), regs([1]))).toMatchObject({ ok: false, error: { code: 'not-read' } });
    expect(decodeQuantity('energy', spec({ type: 'f32' }), regs([0x7fc0, 0]))).toMatchObject({ ok: false, error: { code: 'not-a-number' } });
    expect(decodeQuantity('energy', spec({ type: 'u64' }), regs([0xffff, 0xffff, 0xffff, 0xffff]))).toMatchObject({
      ok: false,
      error: { code: 'out-of-range' },
    });
    const e = spec({ exponent: { address: 1, type: 'u16', bias: 0 } });
    expect(decodeQuantity('energy', e, regs([1, 40]))).toMatchObject({ ok: false, error: { code: 'bad-exponent' } });
  });
});

describe('encodeQuantity (bench register bank)', () => {
  const words = (r: ReturnType<typeof encodeQuantity>) => (r.ok ? r.value.map((w) => w.value) : r.error.code);

  it('round-trips every type and order through decodeQuantity', () => {
    for (const type of ['u16', 's16', 'u32', 's32', 'f32', 'u64'] as const) {
      for (const wordOrder of ['big', 'little'] as const) {
        for (const byteOrder of ['big', 'little'] as const) {
          const s = spec({ type, wordOrder, byteOrder, scale: 0.1, unit: 'kWh', address: 10 });
          const enc = encodeQuantity('energy', s, 12300);
          expect(enc.ok).toBe(true);
          const bank = new Map(enc.ok ? enc.value.map((w) => [w.address, w.value]) : []);
          expect(decodeQuantity('energy', s, (_fc, a) => bank.get(a))).toEqual({ ok: true, value: 12300 });
        }
      }
    }
  });

  it('chooses the most precise decimal point that fits', () => {
    const v = spec({ unit: 'V', exponent: { address: 1, type: 'u16', bias: -3 } });
    expect(words(encodeQuantity('voltage', v, 750_000))).toEqual([7500, 2]); // 750.0 V: 75000 does not fit u16
    expect(words(encodeQuantity('voltage', v, 12_345))).toEqual([12345, 0]); // 12.345 V
  });

  it('refuses a value the type cannot hold', () => {
    expect(words(encodeQuantity('energy', spec({ type: 'u16' }), 70_000))).toBe('out-of-range');
    expect(words(encodeQuantity('energy', spec({ type: 'u16' }), -1))).toBe('out-of-range');
  });
});
