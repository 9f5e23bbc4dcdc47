// Modbus TCP MBAP header and stream framing (Modbus Messaging on TCP/IP Implementation Guide §3.1.3).
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { encodeMbap, MbapFramer } from './mbap.js';

const adu = hex(
  '0001' + // transaction id 1
    '0000' + // protocol id 0 (Modbus)
    '0006' + // length: unit id + 5 PDU bytes
    '01' + // unit id 1
    '03000C0004', // PDU: FC 03, address 0x000C, 4 registers
);

describe('MBAP (§3.1.3)', () => {
  it('round-trips one ADU', () => {
    const v = { transactionId: 1, unitId: 1, pdu: hex('03 000C 0004') };
    expect(encodeMbap(v)).toEqual(adu);
    expect(new MbapFramer().feed(adu)).toEqual({ adus: [v] });
  });

  it('handles two ADUs in one chunk and one ADU over two chunks', () => {
    const f = new MbapFramer();
    const two = Uint8Array.from([...adu, ...adu]);
    expect(f.feed(two).adus).toHaveLength(2);
    expect(f.feed(adu.slice(0, 8)).adus).toHaveLength(0);
    expect(f.feed(adu.slice(8)).adus).toHaveLength(1);
  });

  it('reports a stream that is not Modbus TCP', () => {
    expect(new MbapFramer().feed(hex('0001 0001 0006 01 03000C0004')).error).toMatch(/protocol id/);
    expect(new MbapFramer().feed(hex('0001 0000 0001 01')).error).toMatch(/length/);
  });
});
