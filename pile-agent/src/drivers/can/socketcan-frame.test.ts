// SocketCAN frame mapping (reference §6.1): can_id flags, the 16-byte struct can_frame, and the
// `socketcan` package's message objects. Each vector declared once, checked both ways.
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { decodeCanFrameStruct, encodeCanFrameStruct, fromCanId, fromSocketcanMessage, toCanId, toSocketcanMessage } from './socketcan-frame.js';

const rts = { id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') };

describe('can_id flags (§6.1)', () => {
  it('BRM RTS 0x1CEC56F4 carries EFF: 0x9CEC56F4, and back', () => {
    expect(toCanId(rts)).toBe(0x9cec56f4);
    expect(fromCanId(0x9cec56f4)).toEqual({ id: 0x1cec56f4, extended: true, rtr: false, error: false });
  });

  it('standard and remote frames', () => {
    expect(toCanId({ id: 0x123, extended: false, data: new Uint8Array(0) })).toBe(0x123);
    expect(toCanId({ id: 0x123, extended: false, data: new Uint8Array(0), rtr: true })).toBe(0x40000123);
    expect(toCanId({ id: 0x1fffffff, extended: true, data: new Uint8Array(0), rtr: true })).toBe(0xdfffffff);
    expect(fromCanId(0x40000123)).toEqual({ id: 0x123, extended: false, rtr: true, error: false });
  });

  it('without EFF only the low 11 bits count (what happens to a GB/T id sent without the flag)', () => {
    expect(fromCanId(0x1cec56f4).id).toBe(0x6f4);
    expect(fromCanId(0x20000004).error).toBe(true);
  });

  it('refuses ids out of range and more than 8 bytes', () => {
    expect(() => toCanId({ id: 0x800, extended: false, data: new Uint8Array(0) })).toThrow(/out of range/);
    expect(() => toCanId({ id: 1, extended: true, data: new Uint8Array(9) })).toThrow(/at most 8/);
  });
});

describe('struct can_frame (§6.1, little-endian host)', () => {
  // F4 56 EC 9C = can_id 0x9CEC56F4 LE | 08 len | 00 pad | 00 res0 | 00 len8_dlc | 10 31 00 07 FF 00 02 00 data
  const bytes = hex('F456EC9C 08 00 00 00 10310007FF000200');
  it('encodes and decodes the BRM RTS', () => {
    expect([...encodeCanFrameStruct(rts)]).toEqual([...bytes]);
    expect(decodeCanFrameStruct(bytes)).toEqual({ ok: true, value: rts });
  });

  it('short DLC: CHM 1826F456#010100 pads data with zeros', () => {
    const chm = { id: 0x1826f456, extended: true, data: hex('010100') };
    const s = hex('56F42698 03 000000 0101000000000000');
    expect([...encodeCanFrameStruct(chm)]).toEqual([...s]);
    expect(decodeCanFrameStruct(s)).toEqual({ ok: true, value: chm });
  });

  it('malformed structs map to named errors', () => {
    const codes = [hex('F456EC9C08'), hex('F456EC9C 09 000000 0000000000000000'), hex('04000020 08 000000 0000000000000000')].map((b) => {
      const r = decodeCanFrameStruct(b);
      return r.ok ? 'ok' : r.error.code;
    });
    expect(codes).toEqual(['socketcan.size', 'socketcan.dlc', 'socketcan.error-frame']);
  });
});

describe('socketcan package messages', () => {
  it('maps both ways', () => {
    expect(toSocketcanMessage(rts)).toEqual({ id: 0x1cec56f4, ext: true, rtr: false, data: rts.data });
    expect(fromSocketcanMessage({ id: 0x1cec56f4, ext: true, rtr: false, data: rts.data })).toEqual({ ok: true, value: rts });
    expect(fromSocketcanMessage({ id: 0x7ff, data: new Uint8Array(0), rtr: true })).toEqual({
      ok: true,
      value: { id: 0x7ff, extended: false, data: new Uint8Array(0), rtr: true },
    });
  });

  it('error frames and bad fields are errors, not frames', () => {
    const code = (m: Parameters<typeof fromSocketcanMessage>[0]) => {
      const r = fromSocketcanMessage(m);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code({ id: 4, err: true, data: new Uint8Array(8) })).toBe('socketcan.error-frame');
    expect(code({ id: 0x800, data: new Uint8Array(0) })).toBe('socketcan.id-range');
    expect(code({ id: 1, ext: true, data: new Uint8Array(9) })).toBe('socketcan.dlc');
  });
});
