// BSM, battery status information (GB/T 27930-2015 §10.4.4; reference §2.4): B→C, 7 bytes.
// Cell/probe numbers offset 1 (raw 0 = #1), temperatures −50 °C, byte 6 and byte 7 bits 1–6 are
// 2-bit status fields; byte 7 bits 7–8 are undefined (fill 11 when encoding, ignored when decoding).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, put8, putTemp, status2, statusByte, tempFromRaw } from './codec-util.js';
import type { Bsm } from './types.js';

export function decodeBsm(d: Uint8Array): Result<Bsm, DecodeError> {
  const bad = badLength('bsm', d, 7, 8);
  if (bad) return bad;
  return ok({
    name: 'BSM',
    highestCellNumber: d[0] + 1,
    maxTemperatureC: tempFromRaw(d[1]),
    maxTemperatureProbe: d[2] + 1,
    minTemperatureC: tempFromRaw(d[3]),
    minTemperatureProbe: d[4] + 1,
    cellVoltage: status2(d[5], 1),
    soc: status2(d[5], 3),
    overCurrent: status2(d[5], 5),
    overTemperature: status2(d[5], 7),
    insulation: status2(d[6], 1),
    connector: status2(d[6], 3),
    chargingPermitted: status2(d[6], 5),
  });
}

export function encodeBsm(m: Bsm): Uint8Array {
  const d = new Uint8Array(7);
  put8(d, 0, m.highestCellNumber - 1, 'BSM highest cell number (1..256)');
  putTemp(d, 1, m.maxTemperatureC, 'BSM max temperature');
  put8(d, 2, m.maxTemperatureProbe - 1, 'BSM max temperature probe (1..256)');
  putTemp(d, 3, m.minTemperatureC, 'BSM min temperature');
  put8(d, 4, m.minTemperatureProbe - 1, 'BSM min temperature probe (1..256)');
  d[5] = statusByte(m.cellVoltage, m.soc, m.overCurrent, m.overTemperature);
  d[6] = statusByte(m.insulation, m.connector, m.chargingPermitted);
  return d;
}
