// The charger's own messages as the machine emits them (reference §2.2–2.5): CHM, CRM, CTS, CML,
// CRO, CCS, CST (stop-cause bits), CSD, CEM (timeout bits). Pure builders of decoded message
// objects; the codecs turn them into bytes and fill undefined bits with 1.
import type { Ccs, Cem, Chm, Cml, Crm, Cro, Csd, Cst } from '../messages/types.js';
import type { ChargerMachineConfig, TimerName } from './charger-config.js';
import type { ChargerState, StopCause } from './charger-types.js';

export const chm = (_cfg: ChargerMachineConfig): Chm => ({ name: 'CHM', version: { major: 1, minor: 1 } });

export const crm = (cfg: ChargerMachineConfig, recognized: boolean): Crm => ({
  name: 'CRM',
  recognized,
  chargerNumber: cfg.chargerNumber,
  regionCode: cfg.regionCode,
  edition: cfg.edition,
});

export const cml = (cfg: ChargerMachineConfig): Cml => ({
  name: 'CML',
  maxOutputVoltageDeciV: cfg.capability.maxOutputVoltageDeciV,
  minOutputVoltageDeciV: cfg.capability.minOutputVoltageDeciV,
  maxOutputCurrentDeciA: cfg.capability.maxOutputCurrentDeciA,
  minOutputCurrentDeciA: cfg.edition === '2011' ? null : cfg.capability.minOutputCurrentDeciA,
});

export const cro = (ready: boolean): Cro => ({ name: 'CRO', status: ready ? 'ready' : 'not-ready' });

/** CCS (§2.4): byte 7 "charging permitted" is 2015 only; a BSM pause sends it as paused (`FC`). */
export const ccs = (cfg: ChargerMachineConfig, s: ChargerState): Ccs => ({
  name: 'CCS',
  outputVoltageDeciV: s.output.voltageDeciV,
  outputCurrentDeciA: s.output.currentDeciA,
  chargingTimeMin: s.output.chargingTimeMin,
  permitted: cfg.edition === '2011' ? null : !s.paused,
});

export const csd = (cfg: ChargerMachineConfig, s: ChargerState): Csd => ({
  name: 'CSD',
  chargingTimeMin: s.output.chargingTimeMin,
  energyDeciKwh: Math.round(s.output.energyWh / 100),
  chargerNumber: cfg.chargerNumber,
});

const CST_NORMAL: Cst = {
  name: 'CST',
  conditionReached: 0,
  manualStop: 0,
  faultStop: 0,
  bmsInitiated: 0,
  chargerOverTemperature: 0,
  connectorFault: 0,
  internalOverTemperature: 0,
  energyNotDeliverable: 0,
  emergencyStop: 0,
  otherFault: 0,
  currentMismatch: 0,
  voltageAbnormal: 0,
};

/**
 * CST bits per stop cause (§2.5 "typical encodings"): condition `01 00 F0 F0`, manual `04 00 F0 F0`,
 * fault `10 00 F4 F0` (fault stop + other fault), emergency `10 00 F1 F0`, reply to BST `40 00 F0 F0`.
 */
export function cst(cause: StopCause): Cst {
  switch (cause) {
    case 'condition':
      return { ...CST_NORMAL, conditionReached: 1 };
    case 'manual':
      return { ...CST_NORMAL, manualStop: 1 };
    case 'fault':
      return { ...CST_NORMAL, faultStop: 1, otherFault: 1 };
    case 'emergency':
      return { ...CST_NORMAL, faultStop: 1, emergencyStop: 1 };
    case 'bms':
      return { ...CST_NORMAL, bmsInitiated: 1 };
  }
}

const CEM_NORMAL: Cem = { name: 'CEM', brm: 0, bcp: 0, bro: 0, bcs: 0, bcl: 0, bst: 0, bsd: 0 };
const CEM_FIELD: Partial<Record<TimerName, keyof Omit<Cem, 'name'>>> = {
  brm: 'brm',
  bcp: 'bcp',
  bro: 'bro',
  'bro-aa': 'bro',
  bcs: 'bcs',
  bcl: 'bcl',
  bst: 'bst',
  bsd: 'bsd',
};

/** CEM with the bit of the BMS message the charger timed out on (§2.5), e.g. BRM → `FD F0 C0 FC`. */
export function cemFor(timer: TimerName): Cem | null {
  const field = CEM_FIELD[timer];
  return field ? { ...CEM_NORMAL, [field]: 1 } : null;
}
