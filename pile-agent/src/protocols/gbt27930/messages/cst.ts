// CST, charger stop charging (GB/T 27930-2015 §10.5.2; reference §2.5): C→B, 4 bytes every 10 ms.
// Typical: manual 04 00 F0 F0, answer to BST 40 00 F0 F0, own condition 01 00 F0 F0. Byte 3 bits 5–8
// and byte 4 bits 5–8 are undefined (fill 11).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, status2, statusByte } from './codec-util.js';
import type { Cst } from './types.js';

export function decodeCst(d: Uint8Array): Result<Cst, DecodeError> {
  const bad = badLength('cst', d, 4, 8);
  if (bad) return bad;
  return ok({
    name: 'CST',
    conditionReached: status2(d[0], 1),
    manualStop: status2(d[0], 3),
    faultStop: status2(d[0], 5),
    bmsInitiated: status2(d[0], 7),
    chargerOverTemperature: status2(d[1], 1),
    connectorFault: status2(d[1], 3),
    internalOverTemperature: status2(d[1], 5),
    energyNotDeliverable: status2(d[1], 7),
    emergencyStop: status2(d[2], 1),
    otherFault: status2(d[2], 3),
    currentMismatch: status2(d[3], 1),
    voltageAbnormal: status2(d[3], 3),
  });
}

export function encodeCst(m: Cst): Uint8Array {
  return Uint8Array.of(
    statusByte(m.conditionReached, m.manualStop, m.faultStop, m.bmsInitiated),
    statusByte(m.chargerOverTemperature, m.connectorFault, m.internalOverTemperature, m.energyNotDeliverable),
    statusByte(m.emergencyStop, m.otherFault),
    statusByte(m.currentMismatch, m.voltageAbnormal),
  );
}
