// Faults an operator or a test raises on the simulated BMS at run time (STYLE R6: fault injection),
// and how each shows in BSM (reference §2.4 byte 6–7 status fields). A fault that must end the
// session is raised as a BMS stop instead (GbtBmsSim.requestStop with a BST cause, §2.5).
// Pure data and one pure function; the set of raised faults belongs to each simulator instance.
import type { Status2 } from '../../../../pile-agent/protocols.js';

export const BSM_FAULTS = [
  'cell-voltage-high',
  'cell-voltage-low',
  'soc-high',
  'soc-low',
  'over-current',
  'over-temperature',
  'insulation',
  'connector',
  'pause', // charging not permitted (BSM 7.5–6 = 00): the charger pauses its output
] as const;
export type BsmFault = (typeof BSM_FAULTS)[number];

export interface BsmStatusFields {
  readonly cellVoltage: Status2;
  readonly soc: Status2;
  readonly overCurrent: Status2;
  readonly overTemperature: Status2;
  readonly insulation: Status2;
  readonly connector: Status2;
  readonly chargingPermitted: Status2;
}

export const isBsmFault = (name: string): name is BsmFault => (BSM_FAULTS as readonly string[]).includes(name);

/** §2.4 BSM: 01 = too high / abnormal, 10 = too low; chargingPermitted 01 unless paused. */
export function bsmStatus(faults: ReadonlySet<BsmFault>): BsmStatusFields {
  const has = (f: BsmFault) => faults.has(f);
  const highLow = (high: BsmFault, low: BsmFault): Status2 => (has(high) ? 1 : has(low) ? 2 : 0);
  return {
    cellVoltage: highLow('cell-voltage-high', 'cell-voltage-low'),
    soc: highLow('soc-high', 'soc-low'),
    overCurrent: has('over-current') ? 1 : 0,
    overTemperature: has('over-temperature') ? 1 : 0,
    insulation: has('insulation') ? 1 : 0,
    connector: has('connector') ? 1 : 0,
    chargingPermitted: has('pause') ? 0 : 1,
  };
}
