// Every vector of reference §7 (A, B, C, 7.4) byte for byte: each frame decodes to the "Expected
// decodes" of its row, and every decoded message re-encodes to the identical bytes and CAN id.
// TP transfers are joined here with a minimal in-test collector (the TP machines have their own tests).
import { describe, expect, it } from 'vitest';
import { pgnOfId } from '../can-id.js';
import { PGN_TP_CM, PGN_TP_DT } from '../pgn-table.js';
import { decodeTpCm } from '../transport/tp-cm.js';
import { VECTOR_A, VECTOR_B, VECTOR_C, VECTOR_EXTRA, frameOfRow, type VectorRow } from '../fixtures/index.js';
import { decodeMessage, encodeMessage, frameFor } from './index.js';
import { toHex } from '../../../shared/hex.js';
import type { GbtMessage } from './types.js';

interface Decoded {
  row: VectorRow;
  msg: GbtMessage;
  bytes: Uint8Array;
  id: number | null; // null for a TP-carried message
}

function decodeRows(rows: readonly VectorRow[]): Decoded[] {
  const out: Decoded[] = [];
  let tp: { pgn: number; size: number; packets: number; parts: Uint8Array[] } | null = null;
  for (const row of rows) {
    const f = frameOfRow(row);
    const pgn = pgnOfId(f.id);
    if (pgn === PGN_TP_CM) {
      const cm = decodeTpCm(f.data);
      expect(cm.ok).toBe(true);
      if (cm.ok && cm.value.type === 'rts') tp = { pgn: cm.value.pgn, size: cm.value.sizeBytes, packets: cm.value.packets, parts: [] };
      if (cm.ok && cm.value.type === 'abort') tp = null;
      continue;
    }
    if (pgn === PGN_TP_DT) {
      if (!tp) throw new Error(`DT without RTS at row ${row.row}`);
      tp.parts.push(f.data.subarray(1));
      if (tp.parts.length < tp.packets) continue;
      const bytes = Uint8Array.from(tp.parts.flatMap((p) => [...p])).subarray(0, tp.size);
      const r = decodeMessage(tp.pgn, bytes);
      if (!r.ok) throw new Error(`row ${row.row}: ${r.error.code}`);
      out.push({ row, msg: r.value, bytes, id: null });
      tp = null;
      continue;
    }
    const r = decodeMessage(pgn, f.data);
    if (!r.ok) throw new Error(`row ${row.row}: ${r.error.code} ${r.error.message}`);
    out.push({ row, msg: r.value, bytes: f.data, id: f.id });
  }
  return out;
}

describe.each([
  ['§7.1 vector A (2015 BMS with VIN)', VECTOR_A],
  ['§7.2 vector B (2011 BMS, no VIN)', VECTOR_B],
  ['§7.3 vector C (VIN refused)', VECTOR_C],
  ['§7.4 extra receiver cases', VECTOR_EXTRA],
])('%s', (_name, rows) => {
  const decoded = decodeRows(rows);

  it('decodes a message exactly at the rows that carry expected decodes', () => {
    expect(decoded.map((d) => d.row.row)).toEqual(rows.filter((r) => r.expect).map((r) => r.row));
  });

  it.each(decoded.map((d) => [d.row.row, d.row.note, d] as const))('row %s (%s) decodes as expected', (_r, _n, d) => {
    expect(d.msg).toMatchObject(d.row.expect as object);
  });

  it.each(decoded.map((d) => [d.row.row, d] as const))('row %s re-encodes to the identical bytes and id', (_r, d) => {
    const e = encodeMessage(d.msg, d.row.edition);
    expect(toHex(e.data)).toBe(toHex(d.bytes));
    if (d.id !== null) expect(frameFor(d.msg, d.row.edition).id).toBe(d.id);
  });
});

describe('§7.1 vector A, BRM VIN at bytes 25–41 (§3.5 mapping rule)', () => {
  it('the VIN starts at DT 4 byte 5 and ends at DT 6 byte 7', () => {
    const brm = decodeRows(VECTOR_A).find((d) => d.msg.name === 'BRM')!;
    expect(String.fromCharCode(...brm.bytes.subarray(24, 41))).toBe('LZYTBTE65K1012345');
    expect(toHex(frameOfRow(VECTOR_A[8]).data.subarray(4))).toBe('4C5A5954'); // "LZYT"
  });
});
