// CRC-16/MODBUS against frames captured from real devices and the spec's check value.
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { crc16Modbus, hasValidCrc } from './crc16.js';

describe('crc16Modbus (Modbus over serial line §2.5.1.2)', () => {
  it('gives the catalogue check value 0x4B37 for "123456789"', () => {
    expect(crc16Modbus(new TextEncoder().encode('123456789'))).toBe(0x4b37);
  });

  it('matches a request captured from an Acrel DJSF1352-RN bus (CRC C5 C8, low byte first)', () => {
    const frame = hex(
      '01' + // unit id 1
        '03' + // FC 03 read holding registers
        '0000' + // start address 0x0000
        '0006' + // quantity 6
        'C5C8', // CRC low, high
    );
    expect(crc16Modbus(frame, 0, 6)).toBe(0xc8c5);
    expect(hasValidCrc(frame)).toBe(true);
  });

  it('rejects a frame with one flipped bit and frames too short to carry a CRC', () => {
    expect(hasValidCrc(hex('01 03 00 00 00 07 C5 C8'))).toBe(false);
    expect(hasValidCrc(hex('01 03'))).toBe(false);
  });
});
