// BRM, BMS and vehicle identification (GB/T 27930-2015 §10.2.2; reference §2.2 field table):
// B→C, 41 bytes (2011) or 49 (2015, + software version), by TP; a single 8-byte frame carries only the
// mandatory fields (§7.4). Any length ≥ 8 is accepted and only present fields are read; absent or
// 0xFF-filled optional fields decode to null. VIN (bytes 25–41) is classified by vin.ts.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { toHex } from '../../../shared/hex.js';
import { classifyBrmVin } from '../vin.js';
import { asciiOrNull, badLength, put16, put24, put8, putAscii, u16, u24 } from './codec-util.js';
import { AgentError, AgentErrorCode } from '../../../shared/errors.js';
import type { Brm, BrmProductionDate, Edition } from './types.js';
import { TP_MAX_SIZE_BYTES } from '../pgn-table.js';

/** Offsets (0-based) of §2.2. */
const OFF = { manufacturer: 8, serial: 12, date: 16, count: 19, property: 22, reserved: 23, vin: 24, sw: 41 } as const;
export const BRM_2011_BYTES = 41;
export const BRM_2015_BYTES = 49;
export const BRM_MANDATORY_BYTES = 8;
const YEAR_OFFSET = 1985;

/** Edition from the version bytes (§2.6): V1.0 (00 01 00) → 2011, anything else → 2015. */
export const editionOfVersion = (major: number, minor: number): Edition => (major === 1 && minor === 0 ? '2011' : '2015');

export function decodeBrm(d: Uint8Array): Result<Brm, DecodeError> {
  const bad = badLength('brm', d, BRM_MANDATORY_BYTES, TP_MAX_SIZE_BYTES);
  if (bad) return bad;
  const version = { minor: d[0], major: u16(d, 1) };
  const has = (off: number, n: number) => d.length >= off + n;
  const all = (off: number, n: number, b: number) => d.subarray(off, off + n).every((x) => x === b);
  const { vin, vinStatus } = classifyBrmVin(d);
  return ok({
    name: 'BRM',
    length: d.length,
    edition: editionOfVersion(version.major, version.minor),
    version,
    batteryType: d[3],
    ratedCapacityDeciAh: u16(d, 4),
    ratedVoltageDeciV: u16(d, 6),
    manufacturer: has(OFF.manufacturer, 4) ? asciiOrNull(d, OFF.manufacturer, 4) : null,
    packSerial: has(OFF.serial, 4) && !all(OFF.serial, 4, 0xff) ? toHex(d.subarray(OFF.serial, OFF.serial + 4)) : null,
    productionDate: has(OFF.date, 3) ? productionDate(d) : null,
    chargeCount: has(OFF.count, 3) && !all(OFF.count, 3, 0xff) ? u24(d, OFF.count) : null,
    ownedByVehicle: has(OFF.property, 1) && d[OFF.property] <= 1 ? d[OFF.property] === 1 : null,
    vin,
    vinStatus,
    softwareVersion: has(OFF.sw, 8) ? toHex(d.subarray(OFF.sw, OFF.sw + 8)) : null,
  });
}

/**
 * Null when the year byte is the 0xFF fill or month/day are out of range: an optional field never
 * makes the whole BRM (and its VIN) undecodable; §7.6 says validate, not trust.
 */
function productionDate(d: Uint8Array): BrmProductionDate | null {
  const [y, month, day] = [d[OFF.date], d[OFF.date + 1], d[OFF.date + 2]];
  if (y === 0xff || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year: y + YEAR_OFFSET, month, day };
}

/**
 * Writes `m.length` bytes (8 = mandatory single frame, 41 = 2011, 49 = 2015; longer pads with 0xFF).
 * Null optional fields become the 0xFF fill. `vin` is written as given (17 characters at most, fill
 * after), so a simulator can send a VIN with a bad check digit or characters outside the alphabet.
 */
export function encodeBrm(m: Brm): Uint8Array {
  if (!Number.isInteger(m.length) || m.length < BRM_MANDATORY_BYTES || m.length > TP_MAX_SIZE_BYTES) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `BRM length ${m.length} outside 8..1785`);
  }
  const d = new Uint8Array(Math.max(m.length, BRM_2015_BYTES)).fill(0xff);
  put8(d, 0, m.version.minor, 'BRM version minor');
  put16(d, 1, m.version.major, 'BRM version major');
  put8(d, 3, m.batteryType, 'BRM battery type');
  put16(d, 4, m.ratedCapacityDeciAh, 'BRM rated capacity');
  put16(d, 6, m.ratedVoltageDeciV, 'BRM rated voltage');
  putAscii(d, OFF.manufacturer, 4, m.manufacturer, 'BRM manufacturer');
  if (m.packSerial !== null) putHex(d, OFF.serial, 4, m.packSerial, 'BRM pack serial');
  if (m.productionDate) {
    put8(d, OFF.date, m.productionDate.year - YEAR_OFFSET, 'BRM production year (1985..2234)');
    put8(d, OFF.date + 1, m.productionDate.month, 'BRM production month');
    put8(d, OFF.date + 2, m.productionDate.day, 'BRM production day');
  }
  if (m.chargeCount !== null) put24(d, OFF.count, m.chargeCount, 'BRM charge count');
  if (m.ownedByVehicle !== null) d[OFF.property] = m.ownedByVehicle ? 1 : 0;
  putAscii(d, OFF.vin, 17, m.vin, 'BRM VIN');
  if (m.softwareVersion !== null) putHex(d, OFF.sw, 8, m.softwareVersion, 'BRM software version');
  return d.length === m.length ? d : d.slice(0, m.length);
}

function putHex(d: Uint8Array, o: number, n: number, text: string, what: string): void {
  if (!/^[0-9A-Fa-f]*$/.test(text) || text.length !== n * 2) {
    throw new AgentError(AgentErrorCode.CodecInvariant, `${what}: "${text}" is not ${n} bytes of hex`);
  }
  for (let i = 0; i < n; i++) d[o + i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
}
