// One trace line per GB/T record for `gbt trace`: decoded messages, TP.CM controls, raw and
// undecodable frames, long lines cut.
import { describe, expect, it } from 'vitest';
import { formatTraceRecord, TRACE_LINE_MAX } from './trace-format.js';
import type { BmsTraceRecord } from '../../ports/bms-link.port.js';

const frame = (id: number, data: number[]) => ({ id, extended: true, data: new Uint8Array(data) });

describe('formatTraceRecord', () => {
  it('prints a decoded message with its fields, byte arrays as hex', () => {
    const r: BmsTraceRecord = {
      direction: 'tx',
      atMs: 2050,
      frame: frame(0x1801f456, [0xaa, 0, 0, 0, 0, 0, 0, 0]),
      message: { name: 'CRM', recognised: true, chargerNo: 1, area: new Uint8Array([1, 2]) } as never,
    };
    expect(formatTraceRecord(1, r)).toBe('c1 2.050 tx 1801F456 CRM {"recognised": true, "chargerNo": 1, "area": "0102"}');
  });

  it('prints a TP.CM control frame by type and PGN (GB/T 27930 §6)', () => {
    const r: BmsTraceRecord = {
      direction: 'rx',
      atMs: 10,
      frame: frame(0x1cecf456, [0x10, 49, 0, 7, 0xff, 0, 0x02, 0]),
      transport: { type: 'rts', sizeBytes: 49, packets: 7, maxPacketsPerCts: 255, pgn: 0x000200 },
    };
    expect(formatTraceRecord(2, r)).toBe('c2 0.010 rx 1CECF456 TP.CM RTS pgn 0x000200 {"sizeBytes": 49, "packets": 7, "maxPacketsPerCts": 255}');
  });

  it('prints raw bytes for a frame that is not a message, and the reason for one not understood', () => {
    expect(formatTraceRecord(1, { direction: 'rx', atMs: 0, frame: frame(0x1cebf456, [1, 2]) })).toBe('c1 0.000 rx 1CEBF456 [2] 01 02');
    expect(formatTraceRecord(1, { direction: 'rx', atMs: 0, frame: { id: 0x123, extended: false, data: new Uint8Array([0xff]) }, error: 'unknown PGN' })).toBe(
      'c1 0.000 rx 123 ERROR unknown PGN: [1] FF',
    );
  });

  it('cuts very long lines', () => {
    const r: BmsTraceRecord = { direction: 'rx', atMs: 0, frame: frame(1, []), message: { name: 'BRM', manufacturer: 'x'.repeat(1000) } as never };
    const line = formatTraceRecord(1, r);
    expect(line).toHaveLength(TRACE_LINE_MAX);
    expect(line.endsWith('...')).toBe(true);
  });
});
