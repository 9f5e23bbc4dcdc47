// The TP sender side as pure helpers (reference §3.3–3.4 "BMS simulator (sender) rules", §3.5):
// the RTS for a payload, its DT packets (7 bytes each, last one padded with 0xFF), the slice a CTS
// grants, the EndOfMsgAck check, and the TP.CM / TP.DT CAN ids. No timers: the simulator owns T3.
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import { encodeCanId } from '../can-id.js';
import { PGN_TP_CM, PGN_TP_DT, TP_MAX_SIZE_BYTES, TP_PRIORITY } from '../pgn-table.js';
import { encodeTpCm, encodeTpDt, NO_PACKET_LIMIT, packetsFor, type TpCm } from './tp-cm.js';

export interface TpAddress {
  readonly source: number;
  readonly destination: number;
}

/** TP.CM id, e.g. 0x1CEC56F4 from the BMS, 0x1CECF456 from the charger (§3.1). */
export const tpCmId = (a: TpAddress): number => encodeCanId({ priority: TP_PRIORITY, pgn: PGN_TP_CM, ...a });
/** TP.DT id, e.g. 0x1CEB56F4 from the BMS. */
export const tpDtId = (a: TpAddress): number => encodeCanId({ priority: TP_PRIORITY, pgn: PGN_TP_DT, ...a });

/** RTS for `payload` (9..1785 bytes); `maxPacketsPerCts` 0xFF = no limit (byte 5). */
export function rtsFor(pgn: number, payload: Uint8Array, maxPacketsPerCts = NO_PACKET_LIMIT): Extract<TpCm, { type: 'rts' }> {
  if (payload.length < 1 || payload.length > TP_MAX_SIZE_BYTES) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `TP payload of ${payload.length} bytes (1..1785)`);
  }
  return { type: 'rts', sizeBytes: payload.length, packets: packetsFor(payload.length), maxPacketsPerCts, pgn };
}

/** Every DT frame's data for `payload`, packet 1 first (§3.3: unused bytes of the last packet 0xFF). */
export function dtPackets(payload: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let seq = 1; (seq - 1) * 7 < payload.length; seq++) {
    out.push(encodeTpDt({ sequence: seq, payload: payload.subarray((seq - 1) * 7, seq * 7) }));
  }
  return out;
}

/** The DT frames a CTS grants: `packets` packets from `nextPacket` (clipped to the message). */
export function packetsForCts(payload: Uint8Array, cts: Extract<TpCm, { type: 'cts' }>): Uint8Array[] {
  const all = dtPackets(payload);
  if (cts.nextPacket < 1) return [];
  return all.slice(cts.nextPacket - 1, cts.nextPacket - 1 + cts.packets);
}

/** Does this EndOfMsgAck acknowledge exactly this transfer? */
export function acknowledges(cm: TpCm, pgn: number, payload: Uint8Array): boolean {
  return cm.type === 'eoma' && cm.pgn === pgn && cm.sizeBytes === payload.length && cm.packets === packetsFor(payload.length);
}

export interface TpTransfer {
  readonly rts: { readonly id: number; readonly extended: true; readonly data: Uint8Array };
  readonly dts: readonly { readonly id: number; readonly extended: true; readonly data: Uint8Array }[];
}

/** All frames of one transfer from `a.source` (RTS then every DT), e.g. for a scripted BMS or a capture. */
export function transferFrames(pgn: number, payload: Uint8Array, a: TpAddress, maxPacketsPerCts = NO_PACKET_LIMIT): TpTransfer {
  const cmId = tpCmId(a);
  const dtId = tpDtId(a);
  return {
    rts: { id: cmId, extended: true, data: encodeTpCm(rtsFor(pgn, payload, maxPacketsPerCts)) },
    dts: dtPackets(payload).map((data) => ({ id: dtId, extended: true as const, data })),
  };
}
