// Sender helpers against reference §3.5 (vector A's BRM frames) and §3.3's packet/padding examples.
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../shared/hex.js';
import { VECTOR_A, VECTOR_B, frameOfRow } from '../fixtures/index.js';
import { BMS_ADDRESS, CHARGER_ADDRESS } from '../pgn-table.js';
import { acknowledges, dtPackets, packetsForCts, rtsFor, tpCmId, transferFrames } from './tp-segment.js';
import { decodeTpCm, encodeTpCm } from './tp-cm.js';

const BMS = { source: BMS_ADDRESS, destination: CHARGER_ADDRESS };
const brmPayload = (rows: typeof VECTOR_A, from: number, to: number) => Uint8Array.from(rows.slice(from, to).flatMap((r) => [...frameOfRow(r).data.subarray(1)]));

describe('TP sender (§3.4 sender rules, §3.5)', () => {
  it('§3.5: vector A BRM → RTS row 4 and DT rows 6–12 byte for byte', () => {
    const payload = brmPayload(VECTOR_A, 5, 12); // 49 bytes, no padding
    const t = transferFrames(0x200, payload, BMS);
    expect([t.rts.id.toString(16), toHex(t.rts.data)]).toEqual(['1cec56f4', '10310007FF000200']);
    expect(t.dts.map((f) => `${f.id.toString(16).toUpperCase()}#${toHex(f.data)}`)).toEqual(VECTOR_A.slice(5, 12).map((r) => r.frame));
  });

  it('§3.3: a 41-byte BRM is 6 packets, the last with one pad byte (vector B rows 3, 5–10)', () => {
    const payload = brmPayload(VECTOR_B, 4, 10).subarray(0, 41);
    expect(toHex(encodeTpCm(rtsFor(0x200, payload)))).toBe('10290006FF000200');
    expect(dtPackets(payload).map((d) => toHex(d))).toEqual(VECTOR_B.slice(4, 10).map((r) => r.frame.split('#')[1]));
  });

  it('a CTS window yields exactly the granted packets', () => {
    const payload = new Uint8Array(30).map((_, i) => i); // 5 packets
    const w = packetsForCts(payload, { type: 'cts', packets: 2, nextPacket: 3, pgn: 0x200 });
    expect(w.map((d) => d[0])).toEqual([3, 4]);
    expect(toHex(packetsForCts(payload, { type: 'cts', packets: 9, nextPacket: 5, pgn: 0x200 })[0])).toBe('051C1DFFFFFFFFFF');
    expect(packetsForCts(payload, { type: 'cts', packets: 0, nextPacket: 1, pgn: 0x200 })).toEqual([]);
  });

  it('recognises the EndOfMsgAck of its own transfer only', () => {
    const payload = new Uint8Array(49);
    const eoma = decodeTpCm(hex('13310007FF000200'));
    expect(eoma.ok && acknowledges(eoma.value, 0x200, payload)).toBe(true);
    expect(eoma.ok && acknowledges(eoma.value, 0x600, payload)).toBe(false);
    expect(eoma.ok && acknowledges(eoma.value, 0x200, new Uint8Array(41))).toBe(false);
  });

  it('charger-side TP.CM id is 1CECF456', () => {
    expect(tpCmId({ source: CHARGER_ADDRESS, destination: BMS_ADDRESS })).toBe(0x1cecf456);
  });
});
