// SLCAN (Lawicel ASCII) line codec, reference gbt27930.md §5.1–5.2: one CR-terminated line (CR
// already stripped by slcan-framer.ts) ↔ a typed message — frames `t`/`T`/`r`/`R` with an optional
// 4-digit timestamp, the commands `S0`–`S8`, `sxxyy`, `O`, `L`, `C`, `V`, `N`, `F`, `Z0/Z1`, `M`/`m`,
// and the adapter's replies (`Vhhss`, `Nxxxx`, `Fxx`, `z`/`Z` transmit acks, empty line = OK). Pure.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';

/** Structurally a CanFrame (ports/can-channel.port.ts); `dlc` only matters for remote frames. */
export interface SlcanFrame {
  readonly id: number;
  readonly extended: boolean;
  readonly data: Uint8Array;
  readonly rtr?: boolean;
  /** DLC of a remote frame (its data is empty); ignored for data frames, whose DLC is data.length. */
  readonly dlc?: number;
}

export type SlcanMessage =
  | { readonly kind: 'frame'; readonly frame: SlcanFrame; readonly timestampMs?: number }
  | { readonly kind: 'ok' } // empty line: the adapter's OK reply
  | { readonly kind: 'tx-ack'; readonly extended: boolean } // `z` / `Z`
  | { readonly kind: 'bitrate'; readonly code: number } // `S0`–`S8`
  | { readonly kind: 'btr'; readonly btr0: number; readonly btr1: number } // `sxxyy`
  | { readonly kind: 'open' } // `O`
  | { readonly kind: 'listen' } // `L`
  | { readonly kind: 'close' } // `C`
  | { readonly kind: 'version-query' } // `V`
  | { readonly kind: 'version'; readonly hardware: string; readonly software: string } // `Vhhss`
  | { readonly kind: 'serial-query' } // `N`
  | { readonly kind: 'serial'; readonly serial: string } // `Nxxxx`
  | { readonly kind: 'status-query' } // `F`
  | { readonly kind: 'status'; readonly flags: number } // `Fxx`
  | { readonly kind: 'timestamps'; readonly on: boolean } // `Z0` / `Z1`
  | { readonly kind: 'acceptance'; readonly which: 'code' | 'mask'; readonly value: number }; // `M`/`m`

/** §5.2: preset bit rates S0…S8 in bit/s. */
export const SLCAN_BITRATES: readonly number[] = [10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000, 1_000_000];

/** Longest valid line without CR: `T` + 8 id + 1 DLC + 16 data + 4 timestamp. */
export const SLCAN_MAX_LINE = 30;

/** §5.2: timestamps count milliseconds and wrap after 0xEA5F (59 999). */
export const SLCAN_TIMESTAMP_MAX = 0xea5f;

/** The `Sn` digit for a bit rate, or undefined when SLCAN has no preset for it. */
export function slcanBitrateCode(bitrate: number): number | undefined {
  const i = SLCAN_BITRATES.indexOf(bitrate);
  return i < 0 ? undefined : i;
}

const HEX = '0123456789ABCDEF';

function hexDigits(value: number, digits: number): string {
  let s = '';
  for (let i = digits - 1; i >= 0; i--) s += HEX[(value >>> (i * 4)) & 0xf];
  return s;
}

/** Value of `digits` hex characters at `at`, or -1 on a non-hex character. Accepts both cases. */
function readHex(text: string, at: number, digits: number): number {
  let v = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * Encodes a frame as a transmit/receive line without CR (§5.2), optionally with a timestamp.
 * Throws AgentError(CodecInvariant) on an impossible frame (id out of range, more than 8 bytes).
 */
export function encodeSlcanFrame(frame: SlcanFrame, timestampMs?: number): string {
  const max = frame.extended ? 0x1fffffff : 0x7ff;
  if (!Number.isInteger(frame.id) || frame.id < 0 || frame.id > max) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `CAN id 0x${frame.id.toString(16)} out of range for a ${frame.extended ? '29' : '11'}-bit frame`);
  }
  const dlc = frame.rtr ? (frame.dlc ?? frame.data.length) : frame.data.length;
  if (dlc > 8) throw new AgentError(AgentErrorCode.CodecInvariant, `classic CAN carries at most 8 bytes, got ${dlc}`);
  let s = frame.rtr ? (frame.extended ? 'R' : 'r') : frame.extended ? 'T' : 't';
  s += hexDigits(frame.id, frame.extended ? 8 : 3);
  s += HEX[dlc];
  if (!frame.rtr) for (let i = 0; i < dlc; i++) s += HEX[frame.data[i] >> 4] + HEX[frame.data[i] & 0xf];
  if (timestampMs !== undefined) s += hexDigits(timestampMs % (SLCAN_TIMESTAMP_MAX + 1), 4);
  return s;
}

/** Encodes any message as its line without CR. Frames go through encodeSlcanFrame. */
export function encodeSlcanLine(msg: SlcanMessage): string {
  switch (msg.kind) {
    case 'frame':
      return encodeSlcanFrame(msg.frame, msg.timestampMs);
    case 'ok':
      return '';
    case 'tx-ack':
      return msg.extended ? 'Z' : 'z';
    case 'bitrate':
      if (!Number.isInteger(msg.code) || msg.code < 0 || msg.code > 8) throw new AgentError(AgentErrorCode.CodecInvariant, `no SLCAN bit rate S${msg.code}`);
      return `S${msg.code}`;
    case 'btr':
      return `s${hexDigits(msg.btr0 & 0xff, 2)}${hexDigits(msg.btr1 & 0xff, 2)}`;
    case 'open':
      return 'O';
    case 'listen':
      return 'L';
    case 'close':
      return 'C';
    case 'version-query':
      return 'V';
    case 'version':
      return `V${msg.hardware}${msg.software}`;
    case 'serial-query':
      return 'N';
    case 'serial':
      return `N${msg.serial}`;
    case 'status-query':
      return 'F';
    case 'status':
      return `F${hexDigits(msg.flags & 0xff, 2)}`;
    case 'timestamps':
      return msg.on ? 'Z1' : 'Z0';
    case 'acceptance':
      return `${msg.which === 'code' ? 'M' : 'm'}${hexDigits(msg.value >>> 0, 8)}`;
  }
}

/** Encodes a message as bytes including the terminating CR, ready for a serial line. */
export function encodeSlcan(msg: SlcanMessage): Uint8Array {
  const line = encodeSlcanLine(msg);
  const out = new Uint8Array(line.length + 1);
  for (let i = 0; i < line.length; i++) out[i] = line.charCodeAt(i);
  out[line.length] = 0x0d;
  return out;
}

function decodeFrame(line: string): Result<SlcanMessage, DecodeError> {
  const c = line[0];
  const extended = c === 'T' || c === 'R';
  const rtr = c === 'r' || c === 'R';
  const idDigits = extended ? 8 : 3;
  if (line.length < 1 + idDigits + 1) return decodeError('slcan.short', `frame line too short: ${JSON.stringify(line)}`);
  const id = readHex(line, 1, idDigits);
  if (id < 0) return decodeError('slcan.bad-hex', `bad hex in CAN id: ${JSON.stringify(line)}`);
  if (id > (extended ? 0x1fffffff : 0x7ff)) return decodeError('slcan.id-range', `CAN id ${line.slice(1, 1 + idDigits)} out of range`);
  const dlcChar = line.charCodeAt(1 + idDigits) - 48;
  if (dlcChar < 0 || dlcChar > 8) return decodeError('slcan.dlc', `DLC must be 0–8, got ${JSON.stringify(line[1 + idDigits])}`);
  const dataStart = 2 + idDigits;
  const dataChars = rtr ? 0 : dlcChar * 2;
  const rest = line.length - dataStart - dataChars;
  if (rest !== 0 && rest !== 4) {
    return decodeError('slcan.length', `line length ${line.length} does not match DLC ${dlcChar} (with or without a 4-digit timestamp)`);
  }
  const data = new Uint8Array(rtr ? 0 : dlcChar);
  for (let i = 0; i < data.length; i++) {
    const b = readHex(line, dataStart + i * 2, 2);
    if (b < 0) return decodeError('slcan.bad-hex', `bad hex in data: ${JSON.stringify(line)}`);
    data[i] = b;
  }
  const frame: SlcanFrame = rtr ? { id, extended, data, rtr: true, dlc: dlcChar } : { id, extended, data };
  if (rest === 0) return ok({ kind: 'frame', frame });
  const ts = readHex(line, line.length - 4, 4);
  if (ts < 0) return decodeError('slcan.bad-hex', `bad hex in timestamp: ${JSON.stringify(line)}`);
  if (ts > SLCAN_TIMESTAMP_MAX) return decodeError('slcan.timestamp-range', `timestamp 0x${line.slice(-4)} above 0xEA5F`);
  return ok({ kind: 'frame', frame, timestampMs: ts });
}

const unknown = (line: string) => decodeError('slcan.unknown', `not an SLCAN command or reply: ${JSON.stringify(line.slice(0, 40))}`);

/** Decodes one line (without CR), either direction: host commands and adapter replies alike. */
export function decodeSlcanLine(line: string): Result<SlcanMessage, DecodeError> {
  if (line.length === 0) return ok({ kind: 'ok' });
  const c = line[0];
  if (c === 't' || c === 'T' || c === 'r' || c === 'R') return decodeFrame(line);
  const rest = line.slice(1);
  switch (c) {
    case 'z':
    case 'Z':
      if (rest === '') return ok({ kind: 'tx-ack', extended: c === 'Z' });
      if (c === 'Z' && (rest === '0' || rest === '1')) return ok({ kind: 'timestamps', on: rest === '1' });
      return unknown(line);
    case 'S': {
      const code = rest.length === 1 ? rest.charCodeAt(0) - 48 : -1;
      return code >= 0 && code <= 8 ? ok({ kind: 'bitrate', code }) : decodeError('slcan.bitrate', `no SLCAN bit rate ${JSON.stringify(line)}`);
    }
    case 's': {
      const v = rest.length === 4 ? readHex(rest, 0, 4) : -1;
      return v < 0 ? decodeError('slcan.btr', `sxxyy needs 4 hex digits: ${JSON.stringify(line)}`) : ok({ kind: 'btr', btr0: v >> 8, btr1: v & 0xff });
    }
    case 'O':
    case 'L':
    case 'C':
      return rest === '' ? ok({ kind: c === 'O' ? 'open' : c === 'L' ? 'listen' : 'close' }) : unknown(line);
    case 'V':
      if (rest === '') return ok({ kind: 'version-query' });
      return rest.length === 4 ? ok({ kind: 'version', hardware: rest.slice(0, 2), software: rest.slice(2) }) : unknown(line);
    case 'N':
      if (rest === '') return ok({ kind: 'serial-query' });
      return rest.length === 4 ? ok({ kind: 'serial', serial: rest }) : unknown(line);
    case 'F': {
      if (rest === '') return ok({ kind: 'status-query' });
      const flags = rest.length === 2 ? readHex(rest, 0, 2) : -1;
      return flags < 0 ? unknown(line) : ok({ kind: 'status', flags });
    }
    case 'M':
    case 'm': {
      const v = rest.length === 8 ? readHex(rest, 0, 8) : -1;
      return v < 0 ? unknown(line) : ok({ kind: 'acceptance', which: c === 'M' ? 'code' : 'mask', value: v });
    }
    default:
      return unknown(line);
  }
}
