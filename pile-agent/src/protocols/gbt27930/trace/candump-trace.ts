// `gbt decode` as pure logic: candump -L lines → one record per decoded GB/T 27930 message
// (reference §6.2, §7.5), TP reassembled per interface by the passive TraceReassembler. Output rules:
// * a decoded message → {t, iface, msg, from, fields} (fields = the decoded message without `name`);
// * a frame whose PGN is not GB/T (or a standard / remote frame) → msg "UNKNOWN" with id, pgn, data;
// * TP.CM / TP.DT frames and discarded transfers → msg "TP.CM" / "TP.DT" / "TP.DISCARDED", only
//   with `showTp` (hidden by default: the reassembled message is what a technician reads);
// * a bad line, a malformed TP frame or an undecodable message → {error, line}; decoding goes on.
import { parseCandumpLine } from '../../candump/candump-line.js';
import { parseCandumpFast } from './candump-fast-parse.js';
import { toHex } from '../../../shared/hex.js';
import { decodeMessage, type DecodeOptions } from '../messages/index.js';
import { BMS_ADDRESS, CHARGER_ADDRESS } from '../pgn-table.js';
import { TraceReassembler, type TraceEvent } from '../transport/trace-reassembler.js';
import type { Edition } from '../messages/types.js';

export interface TraceOptions {
  /** Print TP.CM / TP.DT frames and discarded transfers too. */
  readonly showTp?: boolean;
  /** CRM layout (2011 and 2015 are both 8 bytes); default 2015. */
  readonly edition?: Edition;
}

export interface MessageRecord {
  readonly t: number;
  readonly iface: string;
  readonly msg: string;
  readonly from: string;
  readonly fields: Readonly<Record<string, unknown>>;
}
export interface ErrorRecord {
  readonly error: string;
  readonly line: number;
}
export type TraceRecord = MessageRecord | ErrorRecord;

const NOTHING: readonly TraceRecord[] = [];

/** `from` names: the two fixed addresses of §1.3, anything else as 0xNN. */
export function nodeName(address: number): string {
  if (address === BMS_ADDRESS) return 'BMS';
  if (address === CHARGER_ADDRESS) return 'charger';
  return `0x${address.toString(16).toUpperCase().padStart(2, '0')}`;
}

const pgnText = (pgn: number): string => `0x${pgn.toString(16).toUpperCase().padStart(6, '0')}`;
const idText = (id: number, extended: boolean): string =>
  id
    .toString(16)
    .toUpperCase()
    .padStart(extended ? 8 : 3, '0');

export class CandumpTraceDecoder {
  private readonly byIface = new Map<string, TraceReassembler>();
  private readonly decodeOptions: DecodeOptions;
  private readonly showTp: boolean;

  constructor(options: TraceOptions = {}) {
    this.showTp = options.showTp ?? false;
    this.decodeOptions = { edition: options.edition ?? '2015' };
  }

  /** Decodes one line (1-based `lineNo` for error records); blank lines and `#` comments yield nothing. */
  line(text: string, lineNo: number): readonly TraceRecord[] {
    // A candump line opens with '(': only other lines can be blank or a comment.
    if (text.charCodeAt(0) !== 40 && (text.trim().length === 0 || text.trimStart().startsWith('#'))) return NOTHING;
    let rec = parseCandumpFast(text);
    if (!rec) {
      const parsed = parseCandumpLine(text);
      if (!parsed.ok) return [{ error: `${parsed.error.code}: ${parsed.error.message}`, line: lineNo }];
      rec = parsed.value;
    }
    const { t, iface, id, extended, rtr, data } = rec;
    if (!extended || rtr) {
      return [{ t, iface, msg: 'UNKNOWN', from: extended ? nodeName(id & 0xff) : '?', fields: { id: idText(id, extended), rtr, data: toHex(data) } }];
    }
    let tp = this.byIface.get(iface);
    if (!tp) this.byIface.set(iface, (tp = new TraceReassembler()));
    const events = tp.push(id, data);
    const out: TraceRecord[] = [];
    for (const e of events) {
      const r = this.record(e, t, iface, id, lineNo);
      if (r) out.push(r);
    }
    return out;
  }

  private record(e: TraceEvent, t: number, iface: string, id: number, lineNo: number): TraceRecord | null {
    const from = nodeName(e.source);
    switch (e.kind) {
      case 'message': {
        const r = decodeMessage(e.pgn, e.data, this.decodeOptions);
        if (r.ok) {
          const { name, ...fields } = r.value;
          return { t, iface, msg: name, from, fields };
        }
        if (r.error.code === 'gbt.unknown-pgn') {
          return { t, iface, msg: 'UNKNOWN', from, fields: { id: idText(id, true), pgn: pgnText(e.pgn), data: toHex(e.data) } };
        }
        return { error: `${r.error.code}: ${r.error.message}`, line: lineNo };
      }
      case 'tp-error':
        return { error: `${e.error.code}: ${e.error.message}`, line: lineNo };
      case 'tp-cm':
        return this.showTp ? { t, iface, msg: 'TP.CM', from, fields: { ...e.cm, pgn: pgnText(e.cm.pgn) } } : null;
      case 'tp-dt':
        return this.showTp ? { t, iface, msg: 'TP.DT', from, fields: { sequence: e.dt.sequence, data: toHex(e.dt.payload) } } : null;
      case 'tp-discarded':
        return this.showTp ? { t, iface, msg: 'TP.DISCARDED', from, fields: { pgn: pgnText(e.pgn), reason: e.reason } } : null;
    }
  }
}
