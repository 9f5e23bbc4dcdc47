// Every GB/T 27930 parameter group the charger and BMS exchange (reference §2.1 table, PGN/priority
// corrections of §1.5), the J1939 transport PGNs (§3.1) and the two fixed addresses (§1.3).
// Data only (exempt from the file-length rule); codecs own the field layouts.
import type { GbtMessageName } from './messages/types.js';

/** §1.3: fixed addresses, no J1939 address claiming. */
export const CHARGER_ADDRESS = 0x56;
export const BMS_ADDRESS = 0xf4;
/** J1939 global destination (BAM). */
export const GLOBAL_ADDRESS = 0xff;

/** §3.1: J1939-21 transport protocol PGNs, priority 7. */
export const PGN_TP_CM = 0x00ec00;
export const PGN_TP_DT = 0x00eb00;
export const TP_PRIORITY = 7;
/** §3.1: 9–1785 bytes travel by TP. */
export const TP_MAX_SIZE_BYTES = 1785;

export type Sender = 'charger' | 'bms';

export interface PgnEntry {
  readonly name: GbtMessageName;
  readonly pgn: number;
  readonly priority: number;
  readonly from: Sender;
  /** Lengths seen on the wire, nominal (2015) first; null = variable (TP, see minBytes). */
  readonly lengthsBytes: readonly number[] | null;
  readonly minBytes: number;
  /** Nominal period of the message (whole RTS…EoMA exchange for TP messages). */
  readonly periodMs: number;
  /** Travels by J1939 TP (RTS/CTS) because it is longer than 8 bytes. */
  readonly tp: boolean;
  readonly optional: boolean;
}

export const PGN_TABLE: readonly PgnEntry[] = [
  { name: 'CHM', pgn: 0x002600, priority: 6, from: 'charger', lengthsBytes: [3], minBytes: 3, periodMs: 250, tp: false, optional: false },
  { name: 'BHM', pgn: 0x002700, priority: 6, from: 'bms', lengthsBytes: [2], minBytes: 2, periodMs: 250, tp: false, optional: false },
  { name: 'CRM', pgn: 0x000100, priority: 6, from: 'charger', lengthsBytes: [8], minBytes: 8, periodMs: 250, tp: false, optional: false },
  { name: 'BRM', pgn: 0x000200, priority: 7, from: 'bms', lengthsBytes: [49, 41, 8], minBytes: 8, periodMs: 250, tp: true, optional: false },
  { name: 'BCP', pgn: 0x000600, priority: 7, from: 'bms', lengthsBytes: [13], minBytes: 13, periodMs: 500, tp: true, optional: false },
  { name: 'CTS', pgn: 0x000700, priority: 6, from: 'charger', lengthsBytes: [7], minBytes: 7, periodMs: 500, tp: false, optional: true },
  { name: 'CML', pgn: 0x000800, priority: 6, from: 'charger', lengthsBytes: [8, 6], minBytes: 6, periodMs: 250, tp: false, optional: false },
  { name: 'BRO', pgn: 0x000900, priority: 4, from: 'bms', lengthsBytes: [1], minBytes: 1, periodMs: 250, tp: false, optional: false },
  { name: 'CRO', pgn: 0x000a00, priority: 4, from: 'charger', lengthsBytes: [1], minBytes: 1, periodMs: 250, tp: false, optional: false },
  { name: 'BCL', pgn: 0x001000, priority: 6, from: 'bms', lengthsBytes: [5], minBytes: 5, periodMs: 50, tp: false, optional: false },
  { name: 'BCS', pgn: 0x001100, priority: 7, from: 'bms', lengthsBytes: [9], minBytes: 9, periodMs: 250, tp: true, optional: false },
  { name: 'CCS', pgn: 0x001200, priority: 6, from: 'charger', lengthsBytes: [8, 7, 6], minBytes: 6, periodMs: 50, tp: false, optional: false },
  { name: 'BSM', pgn: 0x001300, priority: 6, from: 'bms', lengthsBytes: [7], minBytes: 7, periodMs: 250, tp: false, optional: false },
  { name: 'BMV', pgn: 0x001500, priority: 7, from: 'bms', lengthsBytes: null, minBytes: 2, periodMs: 10_000, tp: true, optional: true },
  { name: 'BMT', pgn: 0x001600, priority: 7, from: 'bms', lengthsBytes: null, minBytes: 1, periodMs: 10_000, tp: true, optional: true },
  { name: 'BSP', pgn: 0x001700, priority: 7, from: 'bms', lengthsBytes: null, minBytes: 1, periodMs: 10_000, tp: true, optional: true },
  { name: 'BST', pgn: 0x001900, priority: 4, from: 'bms', lengthsBytes: [4], minBytes: 4, periodMs: 10, tp: false, optional: false },
  { name: 'CST', pgn: 0x001a00, priority: 4, from: 'charger', lengthsBytes: [4], minBytes: 4, periodMs: 10, tp: false, optional: false },
  { name: 'BSD', pgn: 0x001c00, priority: 6, from: 'bms', lengthsBytes: [7], minBytes: 7, periodMs: 250, tp: false, optional: false },
  { name: 'CSD', pgn: 0x001d00, priority: 6, from: 'charger', lengthsBytes: [8, 5], minBytes: 5, periodMs: 250, tp: false, optional: false },
  { name: 'BEM', pgn: 0x001e00, priority: 2, from: 'bms', lengthsBytes: [4], minBytes: 4, periodMs: 250, tp: false, optional: false },
  { name: 'CEM', pgn: 0x001f00, priority: 2, from: 'charger', lengthsBytes: [4], minBytes: 4, periodMs: 250, tp: false, optional: false },
];

export const PGN_BY_NAME: Readonly<Record<GbtMessageName, PgnEntry>> = Object.fromEntries(PGN_TABLE.map((e) => [e.name, e])) as Record<GbtMessageName, PgnEntry>;

export const PGN_BY_NUMBER: ReadonlyMap<number, PgnEntry> = new Map(PGN_TABLE.map((e) => [e.pgn, e]));
