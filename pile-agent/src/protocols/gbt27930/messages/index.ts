// GB/T 27930 message dispatch (reference §2.1): PGN → decoder and message → {pgn, priority, data} /
// CAN frame, as tables over the per-message codecs. Pure. Frames longer than 8 bytes must travel by
// TP (transport/tp-segment.ts); frameFor refuses them. The frame shape is structural (GbtFrame), so a
// port's CanFrame accepts it without protocols importing ports.
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import { decodeError, type DecodeError, type Result } from '../../../shared/result.js';
import { encodeCanId } from '../can-id.js';
import { BMS_ADDRESS, CHARGER_ADDRESS, PGN_BY_NAME } from '../pgn-table.js';
import type { Edition, GbtMessage, GbtMessageName } from './types.js';
import { decodeBcl, encodeBcl } from './bcl.js';
import { decodeBcp, encodeBcp } from './bcp.js';
import { decodeBcs, encodeBcs } from './bcs.js';
import { decodeBem, encodeBem } from './bem.js';
import { decodeBhm, encodeBhm } from './bhm.js';
import { decodeBmt, encodeBmt } from './bmt.js';
import { decodeBmv, encodeBmv } from './bmv.js';
import { decodeBrm, encodeBrm } from './brm.js';
import { decodeBro, encodeBro } from './bro.js';
import { decodeBsd, encodeBsd } from './bsd.js';
import { decodeBsm, encodeBsm } from './bsm.js';
import { decodeBsp, encodeBsp } from './bsp.js';
import { decodeBst, encodeBst } from './bst.js';
import { decodeCcs, encodeCcs } from './ccs.js';
import { decodeCem, encodeCem } from './cem.js';
import { decodeChm, encodeChm } from './chm.js';
import { decodeCml, encodeCml } from './cml.js';
import { decodeCrm, encodeCrm } from './crm.js';
import { decodeCro, encodeCro } from './cro.js';
import { decodeCsd, encodeCsd } from './csd.js';
import { decodeCst, encodeCst } from './cst.js';
import { decodeCts, encodeCts } from './cts.js';

/** A CAN frame as GB/T sends it: 29-bit id, extended, ≤ 8 bytes. Structurally a port CanFrame. */
export interface GbtFrame {
  readonly id: number;
  readonly extended: true;
  readonly data: Uint8Array;
}

export interface DecodeOptions {
  /** CRM's 2011 and 2015 layouts are both 8 bytes: the edition cannot come from the bytes. Default 2015. */
  readonly edition?: Edition;
}

type Decoder = (d: Uint8Array, o: DecodeOptions) => Result<GbtMessage, DecodeError>;

const DECODERS: Readonly<Record<GbtMessageName, Decoder>> = {
  CHM: decodeChm,
  BHM: decodeBhm,
  CRM: (d, o) => decodeCrm(d, o.edition),
  BRM: decodeBrm,
  BCP: decodeBcp,
  CTS: decodeCts,
  CML: decodeCml,
  BRO: decodeBro,
  CRO: decodeCro,
  BCL: decodeBcl,
  BCS: decodeBcs,
  CCS: decodeCcs,
  BSM: decodeBsm,
  BMV: decodeBmv,
  BMT: decodeBmt,
  BSP: decodeBsp,
  BST: decodeBst,
  CST: decodeCst,
  BSD: decodeBsd,
  CSD: decodeCsd,
  BEM: decodeBem,
  CEM: decodeCem,
};

const BY_PGN = new Map<number, Decoder>((Object.keys(DECODERS) as GbtMessageName[]).map((n) => [PGN_BY_NAME[n].pgn, DECODERS[n]]));

const NO_OPTIONS: DecodeOptions = {};

/** Decodes the data of one parameter group (a single frame's data or a reassembled TP payload). */
export function decodeMessage(pgn: number, data: Uint8Array, options: DecodeOptions = NO_OPTIONS): Result<GbtMessage, DecodeError> {
  const decoder = BY_PGN.get(pgn);
  if (!decoder) return decodeError('gbt.unknown-pgn', `PGN 0x${pgn.toString(16).padStart(6, '0')} is not a GB/T 27930 message`);
  return decoder(data, options);
}

type Encoders = { [K in GbtMessageName]: (m: Extract<GbtMessage, { name: K }>, e?: Edition) => Uint8Array };
const ENCODERS: Encoders = {
  CHM: encodeChm,
  BHM: encodeBhm,
  CRM: encodeCrm,
  BRM: encodeBrm,
  BCP: encodeBcp,
  CTS: encodeCts,
  CML: encodeCml,
  BRO: encodeBro,
  CRO: encodeCro,
  BCL: encodeBcl,
  BCS: encodeBcs,
  CCS: (m, e) => encodeCcs(m, e),
  BSM: encodeBsm,
  BMV: encodeBmv,
  BMT: encodeBmt,
  BSP: encodeBsp,
  BST: encodeBst,
  CST: encodeCst,
  BSD: encodeBsd,
  CSD: encodeCsd,
  BEM: encodeBem,
  CEM: encodeCem,
};

export interface EncodedMessage {
  readonly name: GbtMessageName;
  readonly pgn: number;
  readonly priority: number;
  readonly source: number;
  readonly destination: number;
  readonly data: Uint8Array;
}

/**
 * Encodes a message with its PGN, priority and addresses from the PGN table. `edition` picks the
 * layout where 2011 and 2015 differ (CRM, CML, CCS, CSD); default 2015 (CRM: its own `edition`).
 */
export function encodeMessage(msg: GbtMessage, edition?: Edition): EncodedMessage {
  const entry = PGN_BY_NAME[msg.name];
  const encode = ENCODERS[msg.name] as (m: GbtMessage, e?: Edition) => Uint8Array;
  const fromCharger = entry.from === 'charger';
  return {
    name: msg.name,
    pgn: entry.pgn,
    priority: entry.priority,
    source: fromCharger ? CHARGER_ADDRESS : BMS_ADDRESS,
    destination: fromCharger ? BMS_ADDRESS : CHARGER_ADDRESS,
    data: encode(msg, edition),
  };
}

/** The single CAN frame of an encoded message; throws if it needs TP (> 8 bytes). */
export function frameOf(e: EncodedMessage): GbtFrame {
  if (e.data.length > 8) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `${e.name} is ${e.data.length} bytes: send it with tp-segment`);
  }
  return { id: encodeCanId(e), extended: true, data: e.data };
}

/** encodeMessage + frameOf: the frame for a message of ≤ 8 bytes (everything but BRM/BCP/BCS/BMV/BMT/BSP). */
export const frameFor = (msg: GbtMessage, edition?: Edition): GbtFrame => frameOf(encodeMessage(msg, edition));
