// Classifies a received CAN frame for the GB/T charger link (reference §1.4 "dispatch on (PF, SA,
// DA)"): TP.CM / TP.DT for the TP receiver, a decoded single-frame BMS message, or a rejection with
// a reason (standard/remote frames, other addresses, undecodable data, charger PGNs from the BMS).
import type { CanFrame } from '../../ports/can-channel.port.js';
import { decodeCanId } from '../../protocols/gbt27930/can-id.js';
import { decodeMessage } from '../../protocols/gbt27930/messages/index.js';
import type { BmsMessage } from '../../protocols/gbt27930/messages/types.js';
import { BMS_ADDRESS, CHARGER_ADDRESS, PGN_BY_NAME, PGN_TP_CM, PGN_TP_DT } from '../../protocols/gbt27930/pgn-table.js';
import { decodeTpCm, type TpCm } from '../../protocols/gbt27930/transport/tp-cm.js';

export type RxItem =
  | { readonly kind: 'tp-cm'; readonly data: Uint8Array; readonly cm: TpCm | null }
  | { readonly kind: 'tp-dt'; readonly data: Uint8Array }
  | { readonly kind: 'message'; readonly msg: BmsMessage }
  | { readonly kind: 'rejected'; readonly error: string };

/** Decodes a parameter group from the BMS (single frame or reassembled TP payload). */
export function decodeBmsMessage(pgn: number, data: Uint8Array): RxItem {
  const r = decodeMessage(pgn, data);
  if (!r.ok) return { kind: 'rejected', error: `${r.error.code}: ${r.error.message}` };
  if (PGN_BY_NAME[r.value.name].from !== 'bms') return { kind: 'rejected', error: `${r.value.name} is a charger message` };
  return { kind: 'message', msg: r.value as BmsMessage };
}

export function classifyRx(frame: CanFrame): RxItem {
  if (!frame.extended || frame.rtr) return { kind: 'rejected', error: 'not a GB/T frame (standard or remote frame)' };
  const id = decodeCanId(frame.id);
  if (!id.ok) return { kind: 'rejected', error: id.error.code };
  const { pgn, source, destination } = id.value;
  if (source !== BMS_ADDRESS || destination !== CHARGER_ADDRESS) {
    return { kind: 'rejected', error: `not BMS→charger (SA 0x${source.toString(16)}, DA 0x${destination.toString(16)})` };
  }
  if (pgn === PGN_TP_CM) {
    const cm = decodeTpCm(frame.data);
    return { kind: 'tp-cm', data: frame.data, cm: cm.ok ? cm.value : null };
  }
  if (pgn === PGN_TP_DT) return { kind: 'tp-dt', data: frame.data };
  return decodeBmsMessage(pgn, frame.data);
}
