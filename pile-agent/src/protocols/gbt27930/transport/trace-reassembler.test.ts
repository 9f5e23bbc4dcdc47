// Passive reassembly of captures (both directions, never sends): §7 vectors, a VIN over TP, aborts,
// restarts and out-of-order packets.
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../shared/hex.js';
import { VECTOR_A, VECTOR_B, VECTOR_EXTRA, frameOfRow, type VectorRow } from '../fixtures/index.js';
import { TraceReassembler, type TraceEvent } from './trace-reassembler.js';

function feed(rows: readonly (VectorRow | string)[]): TraceEvent[] {
  const t = new TraceReassembler();
  return rows.flatMap((r) => {
    const f = frameOfRow(typeof r === 'string' ? { frame: r } : r);
    return t.push(f.id, f.data);
  });
}
const messages = (evs: TraceEvent[]) => evs.flatMap((e) => (e.kind === 'message' ? [e] : []));

describe('passive TP reassembly of §7 captures', () => {
  it('vector A yields every message once, BRM/BCP/BCS via TP from the BMS', () => {
    const m = messages(feed(VECTOR_A));
    expect(m).toHaveLength(VECTOR_A.filter((r) => r.expect).length);
    const tp = m.filter((e) => e.viaTp);
    expect(tp.map((e) => [e.pgn, e.data.length, e.source, e.destination])).toEqual([
      [0x200, 49, 0xf4, 0x56],
      [0x600, 13, 0xf4, 0x56],
      [0x1100, 9, 0xf4, 0x56],
    ]);
    expect(String.fromCharCode(...tp[0].data.subarray(24, 41))).toBe('LZYTBTE65K1012345');
  });

  it('vector B: the 41-byte BRM drops its pad byte', () => {
    const brm = messages(feed(VECTOR_B)).find((e) => e.pgn === 0x200)!;
    expect(brm.data.length).toBe(41);
  });

  it('reports TP frames as tp-cm / tp-dt events, charger CTS included', () => {
    const evs = feed(VECTOR_A.slice(3, 5));
    expect(evs.map((e) => [e.kind, e.source])).toEqual([
      ['tp-cm', 0xf4],
      ['tp-cm', 0x56],
    ]);
  });
});

describe('aborts, restarts, odd orders', () => {
  const rts = '1CEC56F4#10310007FF000200';
  const dts = VECTOR_A.slice(5, 12).map((r) => r.frame);

  it('§7.4 old-style abort from the BMS discards the partial BRM', () => {
    const evs = feed([rts, dts[0], VECTOR_EXTRA[1], ...dts.slice(1)]);
    expect(evs.find((e) => e.kind === 'tp-discarded')).toMatchObject({ pgn: 0x200, reason: 'aborted (reason 255)' });
    expect(messages(evs)).toEqual([]);
  });

  it('an abort from the charger (reversed direction) discards too', () => {
    const evs = feed([rts, dts[0], '1CECF456#FF03FFFFFF000200']);
    expect(evs.at(-1)).toMatchObject({ kind: 'tp-discarded', source: 0xf4, destination: 0x56, reason: 'aborted (reason 3)' });
  });

  it('a new RTS restarts; a retransmitted / reordered packet still completes the message', () => {
    const evs = feed([rts, dts[0], rts, dts[1], dts[0], dts[0], ...dts.slice(2)]);
    expect(evs.filter((e) => e.kind === 'tp-discarded').map((e) => e.kind === 'tp-discarded' && e.reason)).toEqual(['restarted']);
    expect(messages(evs)).toHaveLength(1);
  });

  it('a sequence beyond the announced packets is bad-sequence; malformed TP frames are tp-error', () => {
    expect(feed([rts, '1CEB56F4#09FFFFFFFFFFFFFF']).at(-1)).toMatchObject({ kind: 'tp-discarded', reason: 'bad-sequence' });
    expect(feed(['1CEC56F4#1031']).at(-1)).toMatchObject({ kind: 'tp-error', error: { code: 'tp-cm.length' } });
  });

  it('BAM to the global address completes without CTS', () => {
    const evs = feed(['1CECFFF4#20090002FF001100', '1CEBFFF4#012017DF074C1124', '1CEBFFF4#025F00FFFFFFFFFF']);
    expect(messages(evs).map((e) => [e.pgn, toHex(e.data)])).toEqual([[0x1100, toHex(hex('2017DF074C11245F00'))]]);
  });

  it('pending() lists a transfer cut by the end of the capture', () => {
    const t = new TraceReassembler();
    for (const r of [rts, dts[0]]) {
      const f = frameOfRow({ frame: r });
      t.push(f.id, f.data);
    }
    expect(t.pending()).toEqual([{ source: 0xf4, destination: 0x56, pgn: 0x200, received: 1, packets: 7 }]);
  });
});
