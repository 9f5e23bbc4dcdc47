// BST, BMS stop charging (GB/T 27930-2015 §10.5.1; reference §2.5): B→C, 4 bytes every 10 ms.
// Fourteen 2-bit causes (00 normal, 01 reached/fault, 10 not credible); byte 4 bits 5–8 undefined
// (fill 11 when encoding; real BMSs send 00, ignored when decoding).
import { ok, type DecodeError, type Result } from '../../../shared/result.js';
import { badLength, status2, statusByte } from './codec-util.js';
import type { Bst } from './types.js';

/** The fourteen causes in wire order (byte 1 bits 1–2 first); the first four are normal ends, the rest faults. */
export const BST_CAUSES = [
  'socTargetReached',
  'totalVoltageReached',
  'cellVoltageReached',
  'chargerInitiated',
  'insulationFault',
  'connectorOverTemperature',
  'bmsComponentOverTemperature',
  'connectorFault',
  'batteryOverTemperature',
  'highVoltageRelayFault',
  'checkPoint2Fault',
  'otherFault',
  'overCurrent',
  'voltageAbnormal',
] as const satisfies readonly (keyof Bst)[];

export function decodeBst(d: Uint8Array): Result<Bst, DecodeError> {
  const bad = badLength('bst', d, 4, 8);
  if (bad) return bad;
  return ok({
    name: 'BST',
    socTargetReached: status2(d[0], 1),
    totalVoltageReached: status2(d[0], 3),
    cellVoltageReached: status2(d[0], 5),
    chargerInitiated: status2(d[0], 7),
    insulationFault: status2(d[1], 1),
    connectorOverTemperature: status2(d[1], 3),
    bmsComponentOverTemperature: status2(d[1], 5),
    connectorFault: status2(d[1], 7),
    batteryOverTemperature: status2(d[2], 1),
    highVoltageRelayFault: status2(d[2], 3),
    checkPoint2Fault: status2(d[2], 5),
    otherFault: status2(d[2], 7),
    overCurrent: status2(d[3], 1),
    voltageAbnormal: status2(d[3], 3),
  });
}

export function encodeBst(m: Bst): Uint8Array {
  return Uint8Array.of(
    statusByte(m.socTargetReached, m.totalVoltageReached, m.cellVoltageReached, m.chargerInitiated),
    statusByte(m.insulationFault, m.connectorOverTemperature, m.bmsComponentOverTemperature, m.connectorFault),
    statusByte(m.batteryOverTemperature, m.highVoltageRelayFault, m.checkPoint2Fault, m.otherFault),
    statusByte(m.overCurrent, m.voltageAbnormal),
  );
}
