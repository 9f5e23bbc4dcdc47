// PN532 frames, framer and command parsing against byte vectors from NXP UM0701-02 §6.2 and §7.
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../shared/hex.js';
import { ACK_FRAME, decodeFrame, encodeInfoFrame, TFI_HOST, TFI_PN532, type Pn532Frame } from './pn532-frame.js';
import { Pn532Framer } from './pn532-framer.js';
import { getFirmwareVersion, inListPassiveTargetTypeA, parseFirmwareVersion, parseInListPassiveTarget } from './pn532-commands.js';
import { canonicalCardNumber, normaliseCardNumberText } from './card-number.js';

// GetFirmwareVersion command (UM0701-02 §7.2.2 example frame)
const GET_FW = hex(
  '00 00 FF' + // preamble, start code
    ' 02 FE' + //   LEN = 2 (TFI + 1 byte), LCS = 0x100 - 2
    ' D4 02' + //   TFI host->PN532, command 0x02
    ' 2A 00', //    DCS = 0x100 - (D4 + 02) & FF, postamble
);
// its response: IC 0x32 (PN532), version 1, revision 6, support 7
const FW_RESPONSE = hex('00 00 FF 06 FA D5 03 32 01 06 07 E8 00');
// InListPassiveTarget response with one Mifare Classic 1K card, 4-byte UID 04 A2 B3 C4
const CARD_RESPONSE = hex(
  '00 00 FF 0C F4' + // LEN 12, LCS
    ' D5 4B 01 01' + //   TFI, response code 0x4B, NbTg 1, Tg 1
    ' 00 04 08' + //      SENS_RES 0x0004, SEL_RES 0x08 (Mifare Classic 1K)
    ' 04 04 A2 B3 C4' + // NFCID1 length 4, UID
    ' B1 00', //          DCS, postamble
);

describe('PN532 frames (UM0701-02 §6.2.1)', () => {
  it('encodes the GetFirmwareVersion frame byte for byte', () => {
    expect(toHex(encodeInfoFrame(TFI_HOST, getFirmwareVersion()))).toBe(toHex(GET_FW));
  });

  it('decodes ACK, a response and round-trips an InListPassiveTarget response', () => {
    expect(decodeFrame(ACK_FRAME)).toEqual({ ok: true, value: { kind: 'ack' } });
    const fw = decodeFrame(FW_RESPONSE);
    expect(fw.ok && fw.value.kind === 'info' && parseFirmwareVersion(fw.value.data)).toEqual({
      ok: true,
      value: { ic: 0x32, version: 1, revision: 6, support: 7 },
    });
    const card = decodeFrame(CARD_RESPONSE);
    expect(card.ok).toBe(true);
    if (!card.ok || card.value.kind !== 'info') return;
    expect(toHex(encodeInfoFrame(TFI_PN532, card.value.data))).toBe(toHex(CARD_RESPONSE));
    const target = parseInListPassiveTarget(card.value.data);
    expect(target.ok && target.value && toHex(target.value.uid)).toBe('04A2B3C4');
  });

  it.each([
    ['bad LCS', '00 00 FF 06 FB D5 03 32 01 06 07 E8 00', 'pn532.lcs'],
    ['bad DCS', '00 00 FF 06 FA D5 03 32 01 06 07 E9 00', 'pn532.dcs'],
    ['short', '00 00 FF 06 FA D5 03', 'pn532.short'],
    ['no start code', '00 11 FF 06 FA', 'pn532.start'],
    ['unknown TFI', '00 00 FF 02 FE D6 02 28 00', 'pn532.tfi'],
  ])('rejects a frame with %s', (_name, bytes, code) => {
    const r = decodeFrame(hex(bytes));
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('parses "no card" and rejects an impossible UID length', () => {
    expect(parseInListPassiveTarget(hex('4B 00'))).toEqual({ ok: true, value: null });
    const bad = parseInListPassiveTarget(hex('4B 01 01 00 04 08 05 01 02 03 04 05'));
    expect(bad.ok ? 'ok' : bad.error.code).toBe('pn532.uid-length');
    expect(toHex(inListPassiveTargetTypeA())).toBe('4A0100');
  });
});

describe('PN532 framer (house rule R2)', () => {
  function run(chunks: string[]) {
    const frames: Pn532Frame[] = [];
    const rejects: string[] = [];
    const f = new Pn532Framer({ frame: (x) => frames.push(x), reject: (e) => rejects.push(e.code) });
    for (const c of chunks) f.push(hex(c));
    return { frames, rejects };
  }

  it('one frame', () => {
    expect(run([toHex(FW_RESPONSE)]).frames).toHaveLength(1);
  });
  it('two frames in one chunk (ACK then response)', () => {
    const { frames } = run([toHex(ACK_FRAME) + toHex(CARD_RESPONSE)]);
    expect(frames.map((f) => f.kind)).toEqual(['ack', 'info']);
  });
  it('one frame over two chunks, split inside the start code', () => {
    const s = toHex(CARD_RESPONSE);
    expect(run([s.slice(0, 4), s.slice(4)]).frames).toHaveLength(1);
    expect(run([s.slice(0, 14), s.slice(14)]).frames).toHaveLength(1);
  });
  it('skips garbage and a corrupt frame without throwing, then resyncs', () => {
    const corrupt = toHex(FW_RESPONSE).replace(/E800$/, 'E900');
    const { frames, rejects } = run([`13 37 FF 55 ${corrupt}`, toHex(CARD_RESPONSE)]);
    expect(rejects).toEqual(['pn532.dcs']);
    expect(frames).toHaveLength(1);
  });
});

describe('canonical card number', () => {
  const uid = hex('04 A2 B3 C4');
  it('hex keeps reader byte order, upper case, no separators', () => {
    expect(canonicalCardNumber(uid, 'hex')).toBe('04A2B3C4');
  });
  it('decimal forms read the 4-byte UID little- or big-endian, 10 digits', () => {
    expect(canonicalCardNumber(uid, 'decimal-le')).toBe(String(0xc4b3a204).padStart(10, '0'));
    expect(canonicalCardNumber(uid, 'decimal-be')).toBe(String(0x04a2b3c4).padStart(10, '0'));
    expect(canonicalCardNumber(hex('00 00 00 01'), 'decimal-be')).toBe('0000000001');
  });
  it('7-byte UIDs are always hex; typed numbers are normalised', () => {
    expect(canonicalCardNumber(hex('04 11 22 33 44 55 66'), 'decimal-le')).toBe('04112233445566');
    expect(normaliseCardNumberText(' 04:a2-b3 c4 ')).toBe('04A2B3C4');
  });
});
