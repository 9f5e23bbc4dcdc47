// RTU ADU encode/decode (Modbus over serial line §2.5.1) and the §2.5.1.1 timing helpers.
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { charTimeMs, decodeRtuAdu, encodeRtuAdu, silenceIntervalMs } from './rtu-frame.js';
import { djsfReadVoltageRequest, djsfReadVoltageResponse } from './modbus.fixture.js';

describe('RTU ADU (§2.5.1)', () => {
  it('round-trips the captured DJSF1352-RN request and response', () => {
    const pdu = hex('03 0000 0006');
    expect(encodeRtuAdu({ unitId: 1, pdu })).toEqual(djsfReadVoltageRequest);
    expect(decodeRtuAdu(djsfReadVoltageRequest)).toEqual({ ok: true, value: { unitId: 1, pdu } });
    const resp = decodeRtuAdu(djsfReadVoltageResponse);
    expect(resp.ok && resp.value.pdu.length).toBe(14);
  });

  it('decodes a minimal 4-byte frame (unit, FC, CRC)', () => {
    const frame = encodeRtuAdu({ unitId: 247, pdu: hex('11') });
    expect(frame.length).toBe(4);
    expect(decodeRtuAdu(frame)).toEqual({ ok: true, value: { unitId: 247, pdu: hex('11') } });
  });

  it('names short, long and bad-CRC frames; refuses unit ids above 247', () => {
    expect(decodeRtuAdu(hex('01 03 00'))).toMatchObject({ ok: false, error: { code: 'short' } });
    expect(decodeRtuAdu(new Uint8Array(257))).toMatchObject({ ok: false, error: { code: 'too-long' } });
    const bad = djsfReadVoltageRequest.slice();
    bad[7] ^= 0x01;
    expect(decodeRtuAdu(bad)).toMatchObject({ ok: false, error: { code: 'bad-crc' } });
    expect(() => encodeRtuAdu({ unitId: 248, pdu: hex('03') })).toThrow(RangeError);
  });
});

describe('silent interval t3.5 (§2.5.1.1)', () => {
  it('is 3.5 eleven-bit characters up to 19200 baud and 1.75 ms above', () => {
    expect(charTimeMs(9600)).toBeCloseTo(1.1458, 3);
    expect(silenceIntervalMs(9600)).toBeCloseTo(4.0104, 3);
    expect(silenceIntervalMs(115200)).toBe(1.75);
  });
});
