// The `candump -L` log line format of can-utils (reference §6.2, §7.5):
//   (1700000000.000000) can0 1CEB56F4#0101010003F00A80
// An 8-hex-digit id is extended (29-bit), a 3-digit id standard; `#R` marks a remote frame.
// Pure parse and format; the file transport and the `gbt decode` command sit on top.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';
import { fromHex, toHex } from '../../shared/hex.js';

export interface CandumpRecord {
  /** Seconds since the epoch, as written (microsecond resolution). */
  readonly t: number;
  readonly iface: string;
  readonly id: number;
  readonly extended: boolean;
  readonly rtr: boolean;
  readonly data: Uint8Array;
}

const LINE = /^\((\d+(?:\.\d+)?)\)\s+(\S+)\s+([0-9A-Fa-f]+)#(R\d?|[0-9A-Fa-f.]*)$/;

export function parseCandumpLine(line: string): Result<CandumpRecord, DecodeError> {
  const m = LINE.exec(line.trim());
  if (!m) return decodeError('candump.syntax', `not a candump -L line: ${JSON.stringify(line.slice(0, 80))}`);
  const [, ts, iface, idText, payload] = m;
  if (idText.length !== 3 && idText.length !== 8) {
    return decodeError('candump.id-length', `CAN id must have 3 or 8 hex digits, got ${idText.length}`);
  }
  const extended = idText.length === 8;
  const id = parseInt(idText, 16);
  if (extended ? id > 0x1fffffff : id > 0x7ff) return decodeError('candump.id-range', `CAN id ${idText} out of range`);
  if (payload.startsWith('R')) return ok({ t: Number(ts), iface, id, extended, rtr: true, data: new Uint8Array(0) });
  const data = fromHex(payload.replace(/\./g, ''));
  if (!data) return decodeError('candump.data', `bad hex data: ${payload}`);
  if (data.length > 8) return decodeError('candump.dlc', `classic CAN carries at most 8 bytes, got ${data.length}`);
  return ok({ t: Number(ts), iface, id, extended, rtr: false, data });
}

export function formatCandumpLine(r: CandumpRecord): string {
  const id = r.extended ? r.id.toString(16).padStart(8, '0') : r.id.toString(16).padStart(3, '0');
  return `(${r.t.toFixed(6)}) ${r.iface} ${id.toUpperCase()}#${r.rtr ? 'R' : toHex(r.data)}`;
}
