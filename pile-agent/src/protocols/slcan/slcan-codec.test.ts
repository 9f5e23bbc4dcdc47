// SLCAN codec against the lines of reference gbt27930.md §5.2–5.3: each vector is declared once and
// checked in both directions (decode the line, encode the message), plus the named malformed cases.
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { decodeSlcanLine, encodeSlcan, encodeSlcanFrame, encodeSlcanLine, slcanBitrateCode, type SlcanMessage } from './slcan-codec.js';

const ext = (id: number, data: string) => ({ id, extended: true, data: hex(data) });

/** §5.3 vector A, BRM transport: receive lines and the charger's `→` lines. */
const frameVectors: Array<[string, string, SlcanMessage]> = [
  // T | 1CEC56F4 = prio 7, PGN 0xEC00 TP.CM, dest 0x56 charger, src 0xF4 BMS | 8 = DLC |
  // 10 RTS, 31 00 = 49 bytes, 07 packets, FF, 00 02 00 = PGN 0x000200 BRM
  ['RTS BRM 49 bytes', 'T1CEC56F4810310007FF000200', { kind: 'frame', frame: ext(0x1cec56f4, '10310007FF000200') }],
  // 11 CTS, 07 packets, from 01, FF FF reserved, 00 02 00 BRM (charger → BMS)
  ['CTS 7 from 1', 'T1CECF4568110701FFFF000200', { kind: 'frame', frame: ext(0x1cecf456, '110701FFFF000200') }],
  // 1CEB56F4 = TP.DT; 04 = packet 4, 00 01 FF = BRM bytes, 4C 5A 59 54 = "LZYT"
  ['DT 4 "LZYT"', 'T1CEB56F48040001FF4C5A5954', { kind: 'frame', frame: ext(0x1ceb56f4, '040001FF4C5A5954') }],
  // 13 EndOfMsgAck, 31 00 = 49 bytes, 07 packets, FF, 00 02 00 BRM
  ['EndOfMsgAck', 'T1CECF456813310007FF000200', { kind: 'frame', frame: ext(0x1cecf456, '13310007FF000200') }],
  // 1801F456 CRM | AA recognised | 40 E2 01 00 charger 123456 | FF FF FF region
  ['CRM 0xAA', 'T1801F4568AA40E20100FFFFFF', { kind: 'frame', frame: ext(0x1801f456, 'AA40E20100FFFFFF') }],
  // with Z1: same RTS plus timestamp 03E8 = 1000 ms
  ['RTS with timestamp', 'T1CEC56F4810310007FF00020003E8', { kind: 'frame', frame: ext(0x1cec56f4, '10310007FF000200'), timestampMs: 1000 }],
  // CHM: 1826F456, DLC 3, version 01 01 00 (V1.1)
  ['CHM short DLC', 'T1826F4563010100', { kind: 'frame', frame: ext(0x1826f456, '010100') }],
  // BRO ready: 100956F4, DLC 1, AA
  ['BRO ready', 'T100956F41AA', { kind: 'frame', frame: ext(0x100956f4, 'AA') }],
  // standard frame: t, id 123, DLC 8, 11 22 … 88
  ['standard frame', 't12381122334455667788', { kind: 'frame', frame: { id: 0x123, extended: false, data: hex('1122334455667788') } }],
  // minimal synthetic: standard id 0, DLC 0
  ['minimal', 't0000', { kind: 'frame', frame: { id: 0, extended: false, data: new Uint8Array(0) } }],
  // remote frames carry a DLC but no data
  ['remote extended', 'R1CEC56F48', { kind: 'frame', frame: { id: 0x1cec56f4, extended: true, data: new Uint8Array(0), rtr: true, dlc: 8 } }],
  ['remote standard', 'r7FF2', { kind: 'frame', frame: { id: 0x7ff, extended: false, data: new Uint8Array(0), rtr: true, dlc: 2 } }],
];

const commandVectors: Array<[string, SlcanMessage]> = [
  ['', { kind: 'ok' }],
  ['S5', { kind: 'bitrate', code: 5 }],
  ['S2', { kind: 'bitrate', code: 2 }],
  ['s031C', { kind: 'btr', btr0: 0x03, btr1: 0x1c }],
  ['O', { kind: 'open' }],
  ['L', { kind: 'listen' }],
  ['C', { kind: 'close' }],
  ['V', { kind: 'version-query' }],
  ['V1013', { kind: 'version', hardware: '10', software: '13' }],
  ['N', { kind: 'serial-query' }],
  ['NA123', { kind: 'serial', serial: 'A123' }],
  ['F', { kind: 'status-query' }],
  ['F84', { kind: 'status', flags: 0x84 }],
  ['Z0', { kind: 'timestamps', on: false }],
  ['Z1', { kind: 'timestamps', on: true }],
  ['z', { kind: 'tx-ack', extended: false }],
  ['Z', { kind: 'tx-ack', extended: true }],
  ['M00000000', { kind: 'acceptance', which: 'code', value: 0 }],
  ['mFFFFFFFF', { kind: 'acceptance', which: 'mask', value: 0xffffffff }],
];

describe('SLCAN frames (§5.2, §5.3 vector A)', () => {
  it.each(frameVectors)('%s: %s decodes and encodes back', (_name, line, msg) => {
    expect(decodeSlcanLine(line)).toEqual({ ok: true, value: msg });
    expect(encodeSlcanLine(msg)).toBe(line);
  });

  it('accepts lower-case hex on input and produces upper case', () => {
    const r = decodeSlcanLine('t1ab2c0ff');
    expect(r).toEqual({ ok: true, value: { kind: 'frame', frame: { id: 0x1ab, extended: false, data: hex('C0FF') } } });
    if (r.ok) expect(encodeSlcanLine(r.value)).toBe('t1AB2C0FF');
  });

  it('encodeSlcan appends the CR byte', () => {
    expect([...encodeSlcan({ kind: 'frame', frame: ext(0x100956f4, 'AA') })]).toEqual([...new TextEncoder().encode('T100956F41AA\r')]);
    expect([...encodeSlcan({ kind: 'open' })]).toEqual([0x4f, 0x0d]);
  });

  it('wraps a host timestamp into 0000–EA5F', () => {
    expect(encodeSlcanFrame(ext(0x100956f4, 'AA'), 60_000 + 1000)).toBe('T100956F41AA03E8');
  });

  it('refuses to encode impossible frames (programmer error)', () => {
    expect(() => encodeSlcanFrame({ id: 0x800, extended: false, data: new Uint8Array(0) })).toThrow(/out of range/);
    expect(() => encodeSlcanFrame({ id: 0x20000000, extended: true, data: new Uint8Array(0) })).toThrow(/out of range/);
    expect(() => encodeSlcanFrame({ id: 1, extended: true, data: new Uint8Array(9) })).toThrow(/at most 8/);
  });
});

describe('SLCAN commands and replies (§5.2)', () => {
  it.each(commandVectors)('%j decodes and encodes back', (line, msg) => {
    expect(decodeSlcanLine(line)).toEqual({ ok: true, value: msg });
    expect(encodeSlcanLine(msg)).toBe(line);
  });

  it('maps bit rates to S codes: 250k → S5, 50k → S2, unknown → undefined', () => {
    expect(slcanBitrateCode(250_000)).toBe(5);
    expect(slcanBitrateCode(50_000)).toBe(2);
    expect(slcanBitrateCode(1_000_000)).toBe(8);
    expect(slcanBitrateCode(83_300)).toBeUndefined();
  });
});

describe('SLCAN malformed lines map to named errors', () => {
  const bad: Array<[string, string]> = [
    ['T1CEC56F', 'slcan.short'], // id cut short
    ['t12', 'slcan.short'],
    ['T1CEC56G4810310007FF000200', 'slcan.bad-hex'], // G in the id
    ['T3FFFFFFF0', 'slcan.id-range'], // above 0x1FFFFFFF
    ['T1CEC56F49', 'slcan.dlc'], // DLC 9
    ['T1CEC56F4X', 'slcan.dlc'],
    ['T1CEC56F4810310007FF0002', 'slcan.length'], // 7 data bytes for DLC 8
    ['T1CEC56F4810310007FF00020003', 'slcan.length'], // 2-digit tail is neither data nor timestamp
    ['T100956F41ZZ', 'slcan.bad-hex'], // bad data
    ['T100956F41AAEA60', 'slcan.timestamp-range'], // 0xEA60 = 60000 ms
    ['T100956F41AA0X00', 'slcan.bad-hex'],
    ['S9', 'slcan.bitrate'],
    ['S', 'slcan.bitrate'],
    ['s03', 'slcan.btr'],
    ['hello', 'slcan.unknown'],
    ['O1', 'slcan.unknown'],
    ['Z2', 'slcan.unknown'],
    ['z1', 'slcan.unknown'],
    ['V10', 'slcan.unknown'],
    ['FXY', 'slcan.unknown'],
  ];
  it.each(bad)('%j → %s', (line, code) => {
    const r = decodeSlcanLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});
