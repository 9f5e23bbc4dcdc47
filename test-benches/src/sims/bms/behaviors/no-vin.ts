// Behaviour `no-vin`: BRM bytes 25–41 filled with 0xFF (reference §2.2 "VIN optional"; a real 2015
// BMS did exactly this, §7.6). The charger must classify the VIN as absent.
import type { BmsBehavior } from './behavior.js';

export function noVin(): BmsBehavior {
  return { name: 'no-vin', configure: (s) => ({ ...s, vin: null }) };
}
