// The simulated traction battery: SOC rises with the charging current the charger reports in CCS
// (reference §2.4), integrated piecewise-constant between CCS frames; pack and cell voltages follow
// a linear SOC model. Pure functions over a small immutable state; no timers, no I/O.
import type { BmsBattery } from './bms-settings.js';

export interface BatteryState {
  /** Charge held, in ampere-seconds (As). */
  readonly chargeAs: number;
  readonly capacityAs: number;
  /** The last CCS seen while charging: its current applies until the next one. */
  readonly lastCcs: { readonly atMs: number; readonly currentDeciA: number; readonly voltageDeciV: number } | null;
}

export interface BatteryReadings {
  readonly socPermille: number;
  readonly socPercent: number;
  readonly packVoltageDeciV: number;
  /** What the BMS measures on its terminals: the charger's CCS values while charging, else the pack. */
  readonly measuredVoltageDeciV: number;
  readonly measuredCurrentDeciA: number;
  readonly cellVoltageCentiV: number;
  readonly remainingMin: number;
}

/** A gap longer than this between two CCS (the charger stopped talking) integrates only this long. */
const MAX_STEP_MS = 1_000;
const MAX_REMAINING_MIN = 600; // reference §2.4 BCS bytes 8–9: values above 600 sent as 600

export function initialBattery(battery: BmsBattery, capacityDeciAh: number): BatteryState {
  const capacityAs = (capacityDeciAh / 10) * 3600;
  return { chargeAs: (capacityAs * battery.startSocPermille) / 1000, capacityAs, lastCcs: null };
}

/** Integrates the previous CCS current up to `atMs`, then remembers this CCS. */
export function applyCcs(state: BatteryState, battery: BmsBattery, ccs: { readonly outputCurrentDeciA: number; readonly outputVoltageDeciV: number }, atMs: number): BatteryState {
  const charged = integrate(state, battery, atMs);
  return { ...charged, lastCcs: { atMs, currentDeciA: ccs.outputCurrentDeciA, voltageDeciV: ccs.outputVoltageDeciV } };
}

/** Integrates up to `atMs` and forgets the CCS (output stopped: BST/CST, error). */
export function stopCurrent(state: BatteryState, battery: BmsBattery, atMs: number): BatteryState {
  return { ...integrate(state, battery, atMs), lastCcs: null };
}

function integrate(state: BatteryState, battery: BmsBattery, atMs: number): BatteryState {
  if (!state.lastCcs) return state;
  const dtMs = Math.min(Math.max(0, atMs - state.lastCcs.atMs), MAX_STEP_MS);
  const addAs = (state.lastCcs.currentDeciA / 10) * (dtMs / 1000) * battery.socSpeed;
  return { ...state, chargeAs: Math.min(state.capacityAs, state.chargeAs + addAs) };
}

export function readBattery(state: BatteryState, battery: BmsBattery): BatteryReadings {
  const socPermille = Math.max(0, Math.min(1000, Math.floor((state.chargeAs / state.capacityAs) * 1000)));
  const packVoltageDeciV = Math.round(battery.emptyVoltageDeciV + ((battery.fullVoltageDeciV - battery.emptyVoltageDeciV) * socPermille) / 1000);
  const currentDeciA = state.lastCcs?.currentDeciA ?? 0;
  const remainingAs = state.capacityAs - state.chargeAs;
  const remainingMin = currentDeciA > 0 ? Math.min(MAX_REMAINING_MIN, Math.ceil(remainingAs / (currentDeciA / 10) / 60)) : MAX_REMAINING_MIN;
  return {
    socPermille,
    socPercent: Math.floor(socPermille / 10),
    packVoltageDeciV,
    measuredVoltageDeciV: state.lastCcs?.voltageDeciV ?? packVoltageDeciV,
    measuredCurrentDeciA: currentDeciA,
    cellVoltageCentiV: Math.round((packVoltageDeciV * 10) / battery.cells),
    remainingMin,
  };
}
