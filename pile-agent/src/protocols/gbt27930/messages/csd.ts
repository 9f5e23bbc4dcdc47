// CSD, charger statistics (GB/T 27930-2015 §10.6.2; reference §2.5): C→B, 8 bytes (2011: 5).
// Charging time 1 min, energy 0.1 kWh, charger number u32 LE (2011: 1 byte) — the same raw value as
// in CRM (the text's "offset 1" is not what a real charger sends [U]).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, put16, put32, put8, u16, u32 } from './codec-util.js';
import type { Csd, Edition } from './types.js';

export function decodeCsd(d: Uint8Array): Result<Csd, DecodeError> {
  const bad = badLength('csd', d, 5, 8, [5, 8]);
  if (bad) return bad;
  return ok({
    name: 'CSD',
    chargingTimeMin: u16(d, 0),
    energyDeciKwh: u16(d, 2),
    chargerNumber: d.length === 5 ? d[4] : u32(d, 4),
  });
}

export function encodeCsd(m: Csd, edition: Edition = '2015'): Uint8Array {
  const d = new Uint8Array(edition === '2011' ? 5 : 8);
  put16(d, 0, m.chargingTimeMin, 'CSD charging time');
  put16(d, 2, m.energyDeciKwh, 'CSD energy');
  if (edition === '2011') put8(d, 4, m.chargerNumber, 'CSD 2011 charger number');
  else put32(d, 4, m.chargerNumber, 'CSD charger number');
  return d;
}
