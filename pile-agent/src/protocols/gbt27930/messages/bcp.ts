// BCP, battery charging parameters (GB/T 27930-2015 §10.3.1; reference §2.3): B→C, 13 bytes by TP.
// Cell voltage 0.01 V (0–24 V), current 0.1 A −400 A, energy 0.1 kWh (0–1000 kWh), voltage 0.1 V,
// temperature −50 °C, SOC 0.1 % (0–100 %), battery voltage 0.1 V. Out-of-range raw values are named errors.
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, currentField, outOfRange, put16, putCurrent, putTemp, tempFromRaw, u16 } from './codec-util.js';
import type { Bcp } from './types.js';

export function decodeBcp(d: Uint8Array): Result<Bcp, DecodeError> {
  const bad = badLength('bcp', d, 13, 13);
  if (bad) return bad;
  const cell = u16(d, 0);
  if (cell > 2400) return outOfRange('bcp', 'max cell voltage', cell, '0..2400 (24 V)');
  const current = currentField('bcp', 'max charge current', u16(d, 2));
  if (typeof current !== 'number') return current;
  const energy = u16(d, 4);
  if (energy > 10000) return outOfRange('bcp', 'nominal energy', energy, '0..10000 (1000 kWh)');
  const soc = u16(d, 9);
  if (soc > 1000) return outOfRange('bcp', 'SOC', soc, '0..1000 (100.0 %)');
  return ok({
    name: 'BCP',
    maxCellVoltageCentiV: cell,
    maxChargeCurrentDeciA: current,
    nominalEnergyDeciKwh: energy,
    maxChargeVoltageDeciV: u16(d, 6),
    maxTemperatureC: tempFromRaw(d[8]),
    socPermille: soc,
    batteryVoltageDeciV: u16(d, 11),
  });
}

export function encodeBcp(m: Bcp): Uint8Array {
  const d = new Uint8Array(13);
  put16(d, 0, m.maxCellVoltageCentiV, 'BCP max cell voltage');
  putCurrent(d, 2, m.maxChargeCurrentDeciA, 'BCP max charge current');
  put16(d, 4, m.nominalEnergyDeciKwh, 'BCP nominal energy');
  put16(d, 6, m.maxChargeVoltageDeciV, 'BCP max charge voltage');
  putTemp(d, 8, m.maxTemperatureC, 'BCP max temperature');
  put16(d, 9, m.socPermille, 'BCP SOC');
  put16(d, 11, m.batteryVoltageDeciV, 'BCP battery voltage');
  return d;
}
