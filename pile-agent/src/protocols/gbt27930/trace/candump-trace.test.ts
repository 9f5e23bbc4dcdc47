// `gbt decode` logic: candump -L lines → records (reference §7.5 captures), including a VIN that
// arrives over TP, bad lines, malformed frames, unknown PGNs, the --tp view and the JSON line layout.
import { describe, expect, it } from 'vitest';
import { VECTOR_A, VECTOR_C, candumpLinesOf } from '../fixtures/index.js';
import { CandumpTraceDecoder, type TraceOptions, type TraceRecord } from './candump-trace.js';
import { jsonLine } from './json-line.js';

function decodeAll(lines: readonly string[], options?: TraceOptions): TraceRecord[] {
  const d = new CandumpTraceDecoder(options);
  return lines.flatMap((l, i) => d.line(l, i + 1));
}
const names = (rs: TraceRecord[]) => rs.map((r) => ('msg' in r ? r.msg : `error@${r.line}`));

describe('gbt decode: candump lines → records', () => {
  it('§7.1 vector A: one record per message, in bus order, BRM after its last DT', () => {
    const rs = decodeAll(candumpLinesOf(VECTOR_A));
    expect(names(rs)).toEqual(VECTOR_A.filter((r) => r.expect).map((r) => r.expect!.name));
  });

  it('the VIN that arrives over TP is in the BRM record, with vinStatus and edition', () => {
    const rs = decodeAll(candumpLinesOf(VECTOR_C, 1_700_000_000, 'can1'));
    const brm = rs.find((r) => 'msg' in r && r.msg === 'BRM');
    expect(brm).toMatchObject({ iface: 'can1', from: 'BMS', t: 1_700_000_000.11, fields: { vin: 'LZYTBTE67K1012346', vinStatus: 'valid', edition: '2015' } });
    expect(rs.find((r) => 'msg' in r && r.msg === 'CRM')).toMatchObject({ from: 'charger' });
  });

  it('bad lines and undecodable frames give {error, line} and decoding goes on', () => {
    const rs = decodeAll([
      '(1700000000.000000) can0 1826F456#010100',
      'garbage',
      '(1700000000.010000) can0 182756F4#50', // BHM of 1 byte
      '(1700000000.020000) can0 1CEC56F4#1031', // TP.CM of 2 bytes
      '',
      '# a comment',
      '(1700000000.030000) can0 100956F4#AA',
    ]);
    expect(rs).toEqual([
      expect.objectContaining({ msg: 'CHM' }),
      { error: expect.stringMatching(/^candump\.syntax: /), line: 2 },
      { error: expect.stringMatching(/^bhm\.short: /), line: 3 },
      { error: expect.stringMatching(/^tp-cm\.length: /), line: 4 },
      expect.objectContaining({ msg: 'BRO', fields: { status: 'ready' } }),
    ]);
  });

  it('unknown PGNs and standard frames print as UNKNOWN with id and data', () => {
    const rs = decodeAll(['(1.0) can0 18FF56F4#0102', '(2.0) can0 123#AA']);
    expect(rs).toEqual([
      { t: 1, iface: 'can0', msg: 'UNKNOWN', from: 'BMS', fields: { id: '18FF56F4', pgn: '0x00FF56', data: '0102' } },
      { t: 2, iface: 'can0', msg: 'UNKNOWN', from: '?', fields: { id: '123', rtr: false, data: 'AA' } },
    ]);
  });

  it('reassembles per interface: interleaved transfers on can0 and can1 do not mix', () => {
    const a = candumpLinesOf(VECTOR_A.slice(3, 13), 1, 'can0');
    const c = candumpLinesOf(VECTOR_C.slice(3, 13), 1, 'can1');
    const rs = decodeAll(a.flatMap((l, i) => [l, c[i]]));
    const vins = rs.flatMap((r) => ('msg' in r && r.msg === 'BRM' ? [[r.iface, r.fields.vin]] : []));
    expect(vins).toEqual([
      ['can0', 'LZYTBTE65K1012345'],
      ['can1', 'LZYTBTE67K1012346'],
    ]);
  });

  it('--tp shows TP.CM / TP.DT frames and discarded transfers', () => {
    const rs = decodeAll(['(1.0) can0 1CEC56F4#10310007FF000200', '(1.01) can0 1CECF456#110701FFFF000200', '(1.02) can0 1CEB56F4#0101010003F00A80', '(1.03) can0 1CEC56F4#FFFFFFFFFF000200'], {
      showTp: true,
    });
    expect(names(rs)).toEqual(['TP.CM', 'TP.CM', 'TP.DT', 'TP.CM', 'TP.DISCARDED']);
    expect(rs[0]).toMatchObject({ from: 'BMS', fields: { type: 'rts', sizeBytes: 49, packets: 7, pgn: '0x000200' } });
    expect(rs[2]).toMatchObject({ fields: { sequence: 1, data: '01010003F00A80' } });
    expect(rs[4]).toMatchObject({ fields: { pgn: '0x000200', reason: 'aborted (reason 255)' } });
    expect(decodeAll(['(1.0) can0 1CEC56F4#10310007FF000200'])).toEqual([]);
  });

  it('--edition 2011 reads CRM with the 1-byte charger number', () => {
    const [r] = decodeAll(['(1.0) can0 1801F456#AA07424A31323334'], { edition: '2011' });
    expect(r).toMatchObject({ msg: 'CRM', fields: { chargerNumber: 7, regionCode: 'BJ1234', edition: '2011' } });
  });
});

describe('JSON line layout', () => {
  it('matches {"t": 1700000000.0, "iface": "can0", "msg": …, "from": …, "fields": {…}}', () => {
    const [r] = decodeAll(['(1700000000.000000) can0 182756F4#5019']);
    expect(jsonLine(r as unknown as Record<string, unknown>)).toBe('{"t": 1700000000.0, "iface": "can0", "msg": "BHM", "from": "BMS", "fields": {"maxChargeVoltageDeciV": 6480}}');
    expect(jsonLine({ error: 'x "y"', line: 3 })).toBe('{"error": "x \\"y\\"", "line": 3}');
  });

  it('is valid JSON for nested values, nulls, arrays and bytes', () => {
    const text = jsonLine({ t: 1.5, a: { b: [1, null, 'z'] }, c: Uint8Array.of(0xab), d: null, e: undefined });
    expect(text).toBe('{"t": 1.5, "a": {"b": [1, null, "z"]}, "c": "AB", "d": null}');
    expect(JSON.parse(text)).toEqual({ t: 1.5, a: { b: [1, null, 'z'] }, c: 'AB', d: null });
  });
});
