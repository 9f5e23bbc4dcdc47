// One line per GB/T 27930 trace record for the console's `gbt trace`: connector, time, direction,
// CAN id, then the decoded message (reference §2) as compact JSON fields, the TP.CM control
// (J1939-21 §5.10 as GB/T 27930 §6 uses it), or the raw bytes and the reason it was not understood.
// Pure. Long lines are cut so a 115200-baud terminal keeps up with the 50 ms periodic messages.
import type { BmsTraceRecord } from '../../ports/bms-link.port.js';
import { jsonLine } from '../../protocols/gbt27930/trace/json-line.js';

export const TRACE_LINE_MAX = 400;

const idText = (id: number, extended: boolean): string =>
  id
    .toString(16)
    .toUpperCase()
    .padStart(extended ? 8 : 3, '0');
const pgnText = (pgn: number): string => `0x${pgn.toString(16).toUpperCase().padStart(6, '0')}`;

function bytes(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function body(r: BmsTraceRecord): string {
  if (r.message) {
    const { name, ...fields } = r.message as unknown as { name: string } & Record<string, unknown>;
    return `${name} ${jsonLine(fields)}`;
  }
  if (r.transport) {
    const { type, pgn, ...rest } = r.transport as { type: string; pgn: number } & Record<string, unknown>;
    return `TP.CM ${type.toUpperCase()} pgn ${pgnText(pgn)} ${jsonLine(rest)}`;
  }
  const raw = `[${r.frame.data.length}] ${bytes(r.frame.data)}`;
  return r.error ? `ERROR ${r.error}: ${raw}` : raw;
}

/** `c1 12.345 rx 1801F456 BRM {"length": 49, …}` */
export function formatTraceRecord(connectorId: number, r: BmsTraceRecord): string {
  const head = `c${connectorId} ${(r.atMs / 1000).toFixed(3)} ${r.direction} ${idText(r.frame.id, r.frame.extended)} `;
  const line = head + body(r);
  return line.length > TRACE_LINE_MAX ? `${line.slice(0, TRACE_LINE_MAX - 3)}...` : line;
}
