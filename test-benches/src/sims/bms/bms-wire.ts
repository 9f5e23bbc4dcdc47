// The simulated BMS's view of the wire: classifies inbound CAN frames (charger → BMS message, TP.CM
// control for the TP sender, or foreign/bad) and builds outbound frames, always through pile-agent's
// GB/T 27930 codecs (can-id, messages/index, transport/tp-cm and tp-segment), never with bytes of its own.
// The only file of the simulator that knows the codec API; pure functions.
import {
  BMS_ADDRESS,
  CHARGER_ADDRESS,
  PGN_BY_NAME,
  PGN_TP_CM,
  TP_ABORT_REASON,
  acknowledges,
  decodeMessage,
  decodeTpCm,
  destinationOfId,
  dtPackets,
  encodeMessage,
  encodeTpCm,
  frameOf,
  packetsFor,
  pgnOfId,
  rtsFor,
  sourceOfId,
  tpCmId,
  tpDtId,
} from '../../../../pile-agent/protocols.js';
import type { BmsMessage, ChargerMessage, Edition, TpCm } from '../../../../pile-agent/protocols.js';
import type { CanFrame, DecodeError } from '../../../../pile-agent/ports.js';

export type InboundFrame =
  | { readonly kind: 'message'; readonly msg: ChargerMessage }
  | { readonly kind: 'tp'; readonly cm: TpCm }
  /** Not addressed charger → BMS, not extended, or not a GB/T PGN: the BMS does not listen. */
  | { readonly kind: 'foreign'; readonly reason: string }
  | { readonly kind: 'bad'; readonly error: DecodeError };

const FROM_BMS = { source: BMS_ADDRESS, destination: CHARGER_ADDRESS } as const;
const TP_CM_ID = tpCmId(FROM_BMS); // 0x1CEC56F4
const TP_DT_ID = tpDtId(FROM_BMS); // 0x1CEB56F4

/** §1.4 receiver advice: dispatch on (PF, SA, DA), ignore priority. CRM layout follows our edition. */
export function classifyInbound(frame: CanFrame, edition: Edition): InboundFrame {
  if (!frame.extended || frame.rtr) return { kind: 'foreign', reason: 'not an extended data frame' };
  if (sourceOfId(frame.id) !== CHARGER_ADDRESS || destinationOfId(frame.id) !== BMS_ADDRESS) {
    return { kind: 'foreign', reason: 'not addressed charger → BMS' };
  }
  const pgn = pgnOfId(frame.id);
  if (pgn === PGN_TP_CM) {
    const cm = decodeTpCm(frame.data);
    return cm.ok ? { kind: 'tp', cm: cm.value } : { kind: 'bad', error: cm.error };
  }
  const decoded = decodeMessage(pgn, frame.data, { edition });
  if (!decoded.ok) {
    return decoded.error.code === 'gbt.unknown-pgn' ? { kind: 'foreign', reason: decoded.error.message } : { kind: 'bad', error: decoded.error };
  }
  if (PGN_BY_NAME[decoded.value.name].from !== 'charger') {
    return { kind: 'bad', error: { code: 'bms-sim.wrong-direction', message: `${decoded.value.name} sent by the charger` } };
  }
  return { kind: 'message', msg: decoded.value as ChargerMessage };
}

/** A BMS message ready to go: one frame, or a TP payload (> 8 bytes, §3) for the TP sender. */
export type Outbound = { readonly kind: 'frame'; readonly frame: CanFrame } | { readonly kind: 'tp'; readonly transfer: TpOutbound };

/** One TP message: its RTS and every DT frame (§3.3), computed once per transfer. */
export interface TpOutbound {
  readonly pgn: number;
  readonly payload: Uint8Array;
  readonly totalPackets: number;
  readonly rts: CanFrame;
  readonly dts: readonly CanFrame[];
}

export function encodeOutbound(msg: BmsMessage, edition: Edition): Outbound {
  const encoded = encodeMessage(msg, edition);
  if (encoded.data.length <= 8) return { kind: 'frame', frame: frameOf(encoded) };
  const { pgn, data: payload } = encoded;
  return {
    kind: 'tp',
    transfer: {
      pgn,
      payload,
      totalPackets: packetsFor(payload.length),
      rts: { id: TP_CM_ID, extended: true, data: encodeTpCm(rtsFor(pgn, payload)) }, // §3.2 RTS, no CTS limit
      dts: dtPackets(payload).map((data) => ({ id: TP_DT_ID, extended: true, data })),
    },
  };
}

/** Does this EndOfMsgAck close exactly this transfer (size, packets and PGN, §3.2)? */
export const isAckOf = (cm: TpCm, t: TpOutbound): boolean => acknowledges(cm, t.pgn, t.payload);

/** §3.2 Abort from the BMS; reason null = the old-style `FF FF FF FF FF` + PGN of real BMSs (§7.4). */
export function abortFrame(pgn: number, reason: number | null): CanFrame {
  const data = encodeTpCm({ type: 'abort', reason: reason ?? TP_ABORT_REASON.oldStyle, pgn });
  return { id: TP_CM_ID, extended: true, data };
}
