// FC 03/04 request/response PDUs and exception responses (Modbus Application Protocol §6.3, §6.4, §7).
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { decodeReadRequest, decodeReadResponse, encodeException, encodeReadRequest, encodeReadResponse } from './pdu.js';
import { djsfReadEnergyRequest, djsfReadEnergyResponse } from './modbus.fixture.js';

const energyReq = { functionCode: 3, address: 0x000c, quantity: 8 } as const;

describe('read request PDU (§6.3)', () => {
  it('round-trips the captured DJSF1352-RN energy request', () => {
    const pdu = djsfReadEnergyRequest.slice(1, 6);
    expect(encodeReadRequest(energyReq)).toEqual(pdu);
    expect(decodeReadRequest(pdu)).toEqual({ ok: true, value: energyReq });
  });

  it('encodes a minimal FC 04 read of one input register', () => {
    expect(encodeReadRequest({ functionCode: 4, address: 0xffff, quantity: 1 })).toEqual(hex('04' /* FC 04 */ + 'FFFF' /* address 65535 */ + '0001' /* 1 register */));
  });

  it('names each malformed request', () => {
    expect(decodeReadRequest(hex(''))).toMatchObject({ ok: false, error: { code: 'short' } });
    expect(decodeReadRequest(hex('06 0000 0001'))).toMatchObject({ ok: false, error: { code: 'unsupported-function' } });
    expect(decodeReadRequest(hex('03 0000'))).toMatchObject({ ok: false, error: { code: 'bad-length' } });
    expect(decodeReadRequest(hex('03 0000 007E'))).toMatchObject({ ok: false, error: { code: 'bad-quantity' } });
    expect(() => encodeReadRequest({ functionCode: 3, address: 0, quantity: 126 })).toThrow(RangeError);
  });
});

describe('read response PDU (§6.3, §7)', () => {
  it('round-trips the captured DJSF1352-RN energy response', () => {
    const pdu = djsfReadEnergyResponse.slice(1, -2);
    const words = [0x0000, 0x521a, 0x0000, 0x0000, 0x0001, 0x00fa, 0x0000, 0x0000];
    expect(decodeReadResponse(pdu, energyReq)).toEqual({ ok: true, value: { kind: 'registers', functionCode: 3, words } });
    expect(encodeReadResponse(3, words)).toEqual(pdu);
  });

  it('decodes an exception response as a value with its §7 name', () => {
    const pdu = hex('83' /* FC 03 | 0x80 */ + '02' /* illegal data address */);
    expect(encodeException(3, 2)).toEqual(pdu);
    expect(decodeReadResponse(pdu, energyReq)).toEqual({
      ok: true,
      value: { kind: 'exception', functionCode: 3, code: 2, name: 'illegal-data-address' },
    });
  });

  it('names each malformed response', () => {
    const one = { functionCode: 3, address: 0, quantity: 1 } as const;
    expect(decodeReadResponse(hex('03'), one)).toMatchObject({ ok: false, error: { code: 'short' } });
    expect(decodeReadResponse(hex('04 02 0001'), one)).toMatchObject({ ok: false, error: { code: 'function-mismatch' } });
    expect(decodeReadResponse(hex('03 04 0001 0002'), one)).toMatchObject({ ok: false, error: { code: 'bad-byte-count' } });
    expect(decodeReadResponse(hex('03 02 00'), one)).toMatchObject({ ok: false, error: { code: 'bad-length' } });
    expect(decodeReadResponse(hex('83 02 00'), one)).toMatchObject({ ok: false, error: { code: 'bad-length' } });
  });
});
