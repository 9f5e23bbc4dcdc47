// J1939-21 transport frames as GB/T 27930 uses them (reference §3.1–3.3): TP.CM (PGN 0xEC00) with
// RTS 0x10, CTS 0x11, EndOfMsgAck 0x13, BAM 0x20, Abort 0xFF (incl. the old-style FF FF FF FF FF),
// and TP.DT (PGN 0xEB00: sequence 1..255 + 7 data bytes). Pure codec; the session logic lives in
// tp-receiver.machine.ts (charger), tp-segment.ts (sender) and trace-reassembler.ts (passive).
import { decodeError, ok, type DecodeError, type Result } from '../../../shared/result.js';
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';

export const TP_RTS = 0x10;
export const TP_CTS = 0x11;
export const TP_EOMA = 0x13;
export const TP_BAM = 0x20;
export const TP_ABORT = 0xff;

/** §3.2 Connection Abort reasons (J1939-21); 0xFF = old-style abort without a reason. */
export const TP_ABORT_REASON = {
  alreadyInSession: 1,
  resourcesNeeded: 2,
  timeout: 3,
  ctsDuringTransfer: 4,
  retransmitLimit: 5,
  unexpectedDataPacket: 6,
  badSequence: 7,
  duplicateSequence: 8,
  messageTooLarge: 9,
  other: 250,
  oldStyle: 0xff,
} as const;

/** 0xFF in RTS byte 5: no limit on packets per CTS. */
export const NO_PACKET_LIMIT = 0xff;

export type TpCm =
  | { readonly type: 'rts'; readonly sizeBytes: number; readonly packets: number; readonly maxPacketsPerCts: number; readonly pgn: number }
  | { readonly type: 'cts'; readonly packets: number; readonly nextPacket: number; readonly pgn: number }
  | { readonly type: 'eoma'; readonly sizeBytes: number; readonly packets: number; readonly pgn: number }
  | { readonly type: 'bam'; readonly sizeBytes: number; readonly packets: number; readonly pgn: number }
  | { readonly type: 'abort'; readonly reason: number; readonly pgn: number };

export interface TpDt {
  readonly sequence: number;
  /** The 7 data bytes (the last packet's unused bytes are 0xFF padding). */
  readonly payload: Uint8Array;
}

const pgnAt = (d: Uint8Array): number => d[5] | (d[6] << 8) | (d[7] << 16);

export function decodeTpCm(d: Uint8Array): Result<TpCm, DecodeError> {
  if (d.length !== 8) return decodeError('tp-cm.length', `TP.CM frames are 8 bytes (§3.1), got ${d.length}`);
  const pgn = pgnAt(d);
  const size = d[1] | (d[2] << 8);
  switch (d[0]) {
    case TP_RTS:
      return ok({ type: 'rts', sizeBytes: size, packets: d[3], maxPacketsPerCts: d[4], pgn });
    case TP_CTS:
      return ok({ type: 'cts', packets: d[1], nextPacket: d[2], pgn });
    case TP_EOMA:
      return ok({ type: 'eoma', sizeBytes: size, packets: d[3], pgn });
    case TP_BAM:
      return ok({ type: 'bam', sizeBytes: size, packets: d[3], pgn });
    case TP_ABORT:
      return ok({ type: 'abort', reason: d[1], pgn });
    default:
      return decodeError('tp-cm.control', `unknown TP.CM control byte 0x${d[0].toString(16).padStart(2, '0')}`);
  }
}

export function encodeTpCm(cm: TpCm): Uint8Array {
  const d = new Uint8Array(8).fill(0xff);
  const put16 = (o: number, v: number) => {
    d[o] = v & 0xff;
    d[o + 1] = v >>> 8;
  };
  if (!Number.isInteger(cm.pgn) || cm.pgn < 0 || cm.pgn > 0xffffff) throw new AgentError(AgentErrorCode.CodecInvariant, `TP PGN ${cm.pgn}`);
  switch (cm.type) {
    case 'rts':
    case 'eoma':
    case 'bam':
      if (cm.sizeBytes > 0xffff || cm.packets > 0xff || cm.sizeBytes < 0 || cm.packets < 0) {
        throw new AgentError(AgentErrorCode.CodecInvariant, `TP ${cm.type} size ${cm.sizeBytes} / packets ${cm.packets}`);
      }
      d[0] = cm.type === 'rts' ? TP_RTS : cm.type === 'eoma' ? TP_EOMA : TP_BAM;
      put16(1, cm.sizeBytes);
      d[3] = cm.packets;
      if (cm.type === 'rts') d[4] = cm.maxPacketsPerCts & 0xff;
      break;
    case 'cts':
      d[0] = TP_CTS;
      d[1] = cm.packets & 0xff;
      d[2] = cm.nextPacket & 0xff;
      break;
    case 'abort':
      d[0] = TP_ABORT;
      d[1] = cm.reason & 0xff;
      break;
  }
  d[5] = cm.pgn & 0xff;
  d[6] = (cm.pgn >>> 8) & 0xff;
  d[7] = cm.pgn >>> 16;
  return d;
}

export function decodeTpDt(d: Uint8Array): Result<TpDt, DecodeError> {
  if (d.length !== 8) return decodeError('tp-dt.length', `TP.DT frames are 8 bytes (§3.1), got ${d.length}`);
  if (d[0] === 0) return decodeError('tp-dt.sequence', 'TP.DT sequence numbers start at 1 (§3.3)');
  return ok({ sequence: d[0], payload: d.subarray(1, 8) });
}

/** One DT frame; a payload shorter than 7 bytes is padded with 0xFF (§3.3). */
export function encodeTpDt(dt: TpDt): Uint8Array {
  if (dt.sequence < 1 || dt.sequence > 255 || dt.payload.length > 7) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `TP.DT sequence ${dt.sequence} / ${dt.payload.length} bytes`);
  }
  const d = new Uint8Array(8).fill(0xff);
  d[0] = dt.sequence;
  d.set(dt.payload, 1);
  return d;
}

/** §3.3: packets = ceil(size / 7). */
export const packetsFor = (sizeBytes: number): number => Math.ceil(sizeBytes / 7);
