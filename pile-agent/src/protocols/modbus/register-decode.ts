// Register map entry ↔ integer engineering value. A map entry (from hw-profiles/meters/*.yaml) says
// where a quantity lives (function code, address), how it is stored (u16/s16/u32/s32/f32/u64, word
// order, byte order) and how it scales (multiplier, optional decimal-exponent register, source
// unit). Decoding yields integer target units (energy Wh, power W, voltage mV, current mA), rounded
// half away from zero. Encoding is the inverse, used by the bench meter's register bank. Pure.
import { decodeError, err, ok, type DecodeError, type Result } from '../../shared/result.js';
import type { ReadFunctionCode } from './pdu.js';

export type RegisterType = 'u16' | 's16' | 'u32' | 's32' | 'f32' | 'u64';
/** 'big' = the lower register address holds the most significant word (Modbus convention). */
export type WordOrder = 'big' | 'little';
/** 'big' = high byte first inside each register, as Modbus §4.2 sends it; 'little' = swapped. */
export type ByteOrder = 'big' | 'little';
export type MeterQuantity = 'energy' | 'power' | 'voltage' | 'current';

/** Source units a map may declare, as powers of ten of each quantity's integer target unit. */
export const SOURCE_UNITS = {
  energy: { Wh: 0, kWh: 3, MWh: 6 },
  power: { W: 0, kW: 3, MW: 6 },
  voltage: { mV: 0, V: 3, kV: 6 },
  current: { mA: 0, A: 3, kA: 6 },
} as const satisfies Record<MeterQuantity, Record<string, number>>;

export const TARGET_UNITS = { energy: 'Wh', power: 'W', voltage: 'mV', current: 'mA' } as const;

export interface ExponentRegister {
  readonly address: number;
  readonly type: 'u16' | 's16';
  /** value = raw × scale × 10^(register + bias); Acrel's decimal-point registers use bias −3. */
  readonly bias: number;
}

export interface RegisterSpec {
  readonly functionCode: ReadFunctionCode;
  readonly address: number;
  readonly type: RegisterType;
  readonly wordOrder: WordOrder;
  readonly byteOrder: ByteOrder;
  readonly scale: number;
  readonly exponent?: ExponentRegister;
  /** Unit of raw × scale × 10^exponent; must be one of SOURCE_UNITS[quantity]. */
  readonly unit: string;
}

/** Reads one register word (0..65535) of the given table, or undefined if it was not read. */
export type WordSource = (functionCode: ReadFunctionCode, address: number) => number | undefined;

export function registerCount(type: RegisterType | 'u16' | 's16'): number {
  return type === 'u16' || type === 's16' ? 1 : type === 'u64' ? 4 : 2;
}

function unitPower(q: MeterQuantity, unit: string): number | undefined {
  return (SOURCE_UNITS[q] as Record<string, number>)[unit];
}

function wordsToBytes(words: number[], wordOrder: WordOrder, byteOrder: ByteOrder): Uint8Array {
  const ordered = wordOrder === 'little' ? [...words].reverse() : words;
  const out = new Uint8Array(ordered.length * 2);
  ordered.forEach((w, i) => {
    const hi = (w >> 8) & 0xff;
    const lo = w & 0xff;
    out[i * 2] = byteOrder === 'big' ? hi : lo;
    out[i * 2 + 1] = byteOrder === 'big' ? lo : hi;
  });
  return out;
}

function bytesToWords(bytes: Uint8Array, wordOrder: WordOrder, byteOrder: ByteOrder): number[] {
  const words: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) {
    words.push(byteOrder === 'big' ? (bytes[i] << 8) | bytes[i + 1] : (bytes[i + 1] << 8) | bytes[i]);
  }
  return wordOrder === 'little' ? words.reverse() : words;
}

function rawValue(type: RegisterType, bytes: Uint8Array): number | bigint {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'u16':
      return v.getUint16(0);
    case 's16':
      return v.getInt16(0);
    case 'u32':
      return v.getUint32(0);
    case 's32':
      return v.getInt32(0);
    case 'f32':
      return v.getFloat32(0);
    case 'u64':
      return v.getBigUint64(0);
  }
}

function scaleBy(value: number, scale: number, power10: number): number {
  const s = value * scale;
  return power10 >= 0 ? s * 10 ** power10 : s / 10 ** -power10;
}

/** Decodes one quantity to integer target units. */
export function decodeQuantity(q: MeterQuantity, spec: RegisterSpec, read: WordSource): Result<number, DecodeError> {
  const up = unitPower(q, spec.unit);
  if (up === undefined) return decodeError('bad-unit', `${spec.unit} is not a unit of ${q}`);
  const words: number[] = [];
  for (let i = 0; i < registerCount(spec.type); i++) {
    const w = read(spec.functionCode, spec.address + i);
    if (w === undefined) return decodeError('not-read', `${q}: register ${spec.address + i} was not read`);
    words.push(w);
  }
  let exp = 0;
  if (spec.exponent) {
    const e = read(spec.functionCode, spec.exponent.address);
    if (e === undefined) return decodeError('not-read', `${q}: exponent register ${spec.exponent.address} was not read`);
    exp = (spec.exponent.type === 's16' && e >= 0x8000 ? e - 0x10000 : e) + spec.exponent.bias;
    if (Math.abs(exp) > 12) return decodeError('bad-exponent', `${q}: decimal exponent ${exp} is implausible`);
  }
  const raw = rawValue(spec.type, wordsToBytes(words, spec.wordOrder, spec.byteOrder));
  if (typeof raw === 'bigint' && raw > BigInt(Number.MAX_SAFE_INTEGER)) {
    return decodeError('out-of-range', `${q}: raw value ${raw} exceeds 2^53`);
  }
  const value = scaleBy(Number(raw), spec.scale, up + exp);
  if (!Number.isFinite(value)) return decodeError('not-a-number', `${q}: register holds ${value}`);
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  if (!Number.isSafeInteger(rounded)) return decodeError('out-of-range', `${q}: ${value} is out of range`);
  return ok(rounded === 0 ? 0 : rounded);
}

export interface EncodedWord {
  readonly functionCode: ReadFunctionCode;
  readonly address: number;
  readonly value: number;
}

const LIMITS: Record<Exclude<RegisterType, 'f32'>, [number, number]> = {
  u16: [0, 0xffff],
  s16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  s32: [-0x80000000, 0x7fffffff],
  u64: [0, Number.MAX_SAFE_INTEGER],
};

function rawFits(type: RegisterType, raw: number): boolean {
  if (type === 'f32') return Number.isFinite(raw) && Math.abs(raw) < 3.4e38;
  const [lo, hi] = LIMITS[type];
  return raw >= lo && raw <= hi;
}

function encodeRaw(type: RegisterType, raw: number): Uint8Array {
  const bytes = new Uint8Array(registerCount(type) * 2);
  const v = new DataView(bytes.buffer);
  switch (type) {
    case 'u16':
      v.setUint16(0, raw);
      break;
    case 's16':
      v.setInt16(0, raw);
      break;
    case 'u32':
      v.setUint32(0, raw);
      break;
    case 's32':
      v.setInt32(0, raw);
      break;
    case 'f32':
      v.setFloat32(0, raw);
      break;
    case 'u64':
      v.setBigUint64(0, BigInt(raw));
      break;
  }
  return bytes;
}

/** The raw register value (before word/byte ordering) for a target-unit value and an exponent. */
function rawFor(type: RegisterType, value: number, scale: number, power10: number): number {
  const r = power10 >= 0 ? value / 10 ** power10 / scale : (value * 10 ** -power10) / scale;
  return type === 'f32' ? r : Math.round(r);
}

/**
 * Encodes an integer target-unit value into register words. With an exponent register, the
 * smallest exponent whose raw value fits the type is chosen (the most precise one).
 */
export function encodeQuantity(q: MeterQuantity, spec: RegisterSpec, value: number): Result<EncodedWord[], DecodeError> {
  const up = unitPower(q, spec.unit);
  if (up === undefined) return decodeError('bad-unit', `${spec.unit} is not a unit of ${q}`);
  let exp: number | undefined;
  let raw: number | undefined;
  if (spec.exponent) {
    const { bias, type } = spec.exponent;
    for (let e = type === 'u16' ? 0 : -9; e <= 12; e++) {
      const r = rawFor(spec.type, value, spec.scale, up + e + bias);
      if (rawFits(spec.type, r)) {
        exp = e;
        raw = r;
        break;
      }
    }
  } else {
    const r = rawFor(spec.type, value, spec.scale, up);
    if (rawFits(spec.type, r)) raw = r;
  }
  if (raw === undefined) return err({ code: 'out-of-range', message: `${q} = ${value} does not fit ${spec.type}` });
  const words = bytesToWords(encodeRaw(spec.type, raw), spec.wordOrder, spec.byteOrder);
  const out: EncodedWord[] = words.map((w, i) => ({ functionCode: spec.functionCode, address: spec.address + i, value: w }));
  if (spec.exponent && exp !== undefined) {
    out.push({ functionCode: spec.functionCode, address: spec.exponent.address, value: exp & 0xffff });
  }
  return ok(out);
}
