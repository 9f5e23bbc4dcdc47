// VIN check digit and BRM VIN classification, with the reference's worked examples (§3.6, §7).
import { describe, expect, it } from 'vitest';
import { classifyBrmVin, classifyVinText, vinCheckDigit } from './vin.js';

function brmWithVin(vinBytes: number[], length = 49): Uint8Array {
  const b = new Uint8Array(length).fill(0xff);
  b.set(vinBytes.slice(0, Math.max(0, Math.min(17, length - 24))), 24);
  return b;
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('VIN check digit (reference §3.6)', () => {
  it.each([
    ['LZYTBTE65K1012345', '5'], // sum 313, 313 mod 11 = 5
    ['LZYTBTE67K1012346', '7'], // sum 315, 315 mod 11 = 7
    ['1M8GDM9AXKP042788', 'X'], // remainder 10 -> X
  ])('%s has check digit %s', (vin, digit) => {
    expect(vinCheckDigit(vin)).toBe(digit);
    expect(classifyVinText(vin)).toBe('valid');
  });

  it('flags a wrong position-9 digit and a non-alphabet character', () => {
    expect(classifyVinText('LZYTBTE66K1012345')).toBe('bad-check-digit');
    expect(classifyVinText('LZYTBTE65K101234O')).toBe('malformed'); // O is not in the alphabet
    expect(classifyVinText('LZYTBTE65K101234')).toBe('malformed'); // 16 characters
    expect(classifyVinText('lzytbte65k1012345')).toBe('malformed'); // lower case
  });
});

describe('BRM VIN field, bytes 25–41 (reference §2.2)', () => {
  it('valid and bad-check-digit VINs keep their text', () => {
    expect(classifyBrmVin(brmWithVin(ascii('LZYTBTE65K1012345')))).toEqual({ vin: 'LZYTBTE65K1012345', vinStatus: 'valid' });
    expect(classifyBrmVin(brmWithVin(ascii('LZYTBTE66K1012345')))).toEqual({ vin: 'LZYTBTE66K1012345', vinStatus: 'bad-check-digit' });
  });

  it('all 0xFF, 0x00, spaces or a short BRM are absent', () => {
    expect(classifyBrmVin(brmWithVin(Array(17).fill(0xff))).vinStatus).toBe('absent');
    expect(classifyBrmVin(brmWithVin(Array(17).fill(0x00))).vinStatus).toBe('absent');
    expect(classifyBrmVin(brmWithVin(Array(17).fill(0x20))).vinStatus).toBe('absent');
    expect(classifyBrmVin(brmWithVin(ascii('LZYTBTE65K1012345'), 40))).toEqual({ vin: null, vinStatus: 'absent' });
    expect(classifyBrmVin(new Uint8Array(8))).toEqual({ vin: null, vinStatus: 'absent' });
  });

  it('anything else is malformed, with no VIN text', () => {
    expect(classifyBrmVin(brmWithVin([...ascii('LZYTBTE65K10123'), 0xff, 0xff]))).toEqual({ vin: null, vinStatus: 'malformed' });
    expect(classifyBrmVin(brmWithVin(ascii('LZYTBTE65K101234Q')))).toEqual({ vin: null, vinStatus: 'malformed' });
  });
});
