// TP.CM / TP.DT codec (reference §3.2–3.3): every control type from one declaration, both directions.
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../shared/hex.js';
import { decodeTpCm, decodeTpDt, encodeTpCm, encodeTpDt, type TpCm } from './tp-cm.js';

describe('TP.CM (§3.2)', () => {
  it.each<[string, string, TpCm]>([
    ['RTS BRM 49 / 7, no limit (vector A row 4)', '10 3100 07 FF 000200', { type: 'rts', sizeBytes: 49, packets: 7, maxPacketsPerCts: 0xff, pgn: 0x200 }],
    ['CTS 7 from 1 (row 5)', '11 07 01 FFFF 000200', { type: 'cts', packets: 7, nextPacket: 1, pgn: 0x200 }],
    ['EndOfMsgAck 49 / 7 (row 13)', '13 3100 07 FF 000200', { type: 'eoma', sizeBytes: 49, packets: 7, pgn: 0x200 }],
    ['BAM BCS 9 / 2', '20 0900 02 FF 001100', { type: 'bam', sizeBytes: 9, packets: 2, pgn: 0x1100 }],
    ['Abort reason 3 timeout', 'FF 03 FFFFFF 000200', { type: 'abort', reason: 3, pgn: 0x200 }],
    ['old-style Abort FF FF FF FF FF (§7.4)', 'FF FF FFFFFF 000200', { type: 'abort', reason: 0xff, pgn: 0x200 }],
  ])('%s', (_n, bytes, cm) => {
    expect(decodeTpCm(hex(bytes))).toEqual({ ok: true, value: cm });
    expect(toHex(encodeTpCm(cm))).toBe(toHex(hex(bytes)));
  });

  it.each([
    ['10310007FF0002', 'tp-cm.length'],
    ['12310007FF000200', 'tp-cm.control'],
  ])('%s → %s', (bytes, code) => {
    const r = decodeTpCm(hex(bytes));
    expect(!r.ok && r.error.code).toBe(code);
  });
});

describe('TP.DT (§3.3)', () => {
  it('DT 2 of BCS: sequence 2, data, five pad bytes (vector A row 30)', () => {
    const r = decodeTpDt(hex('02 5F00 FFFFFFFFFF'));
    expect(r.ok && r.value.sequence).toBe(2);
    expect(toHex(encodeTpDt({ sequence: 2, payload: hex('5F00') }))).toBe('025F00FFFFFFFFFF');
  });

  it.each([
    ['025F00', 'tp-dt.length'],
    ['005F00FFFFFFFFFF', 'tp-dt.sequence'],
  ])('%s → %s', (bytes, code) => {
    const r = decodeTpDt(hex(bytes));
    expect(!r.ok && r.error.code).toBe(code);
  });
});
