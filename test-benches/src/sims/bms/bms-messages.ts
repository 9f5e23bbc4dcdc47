// Builds the decoded form of every message the simulated BMS sends (reference §2.2–2.5) from its
// machine state, settings, battery readings and raised faults. Pure; encoding to bytes is done by
// pile-agent's GB/T codecs (bms-wire.ts), never here.
import { BST_CAUSES, type Bem, type Bst, type BmsMessage, type Status2 } from '../../../../pile-agent/protocols.js';
import type { BatteryReadings } from './bms-battery.model.js';
import { bsmStatus, type BsmFault } from './bms-faults.js';
import type { BmsState, PeriodicMessage } from './bms-machine.types.js';
import type { BmsSettings } from './bms-settings.js';

export interface MessageInputs {
  readonly state: BmsState;
  readonly settings: BmsSettings;
  readonly battery: BatteryReadings;
  readonly faults: ReadonlySet<BsmFault>;
}

/** §2.6: V1.1 = 01 01 00 (2015), V1.0 = 00 01 00 (2011). */
const versionOf = (edition: BmsSettings['edition']) => (edition === '2015' ? { major: 1, minor: 1 } : { major: 1, minor: 0 });

const BEM_FIELDS = ['crm00', 'crmAA', 'ctsCml', 'cro', 'ccs', 'cst', 'csd'] as const;

export function buildMessage(name: PeriodicMessage, x: MessageInputs): BmsMessage {
  const { settings: st, battery: b, state } = x;
  const bat = st.battery;
  switch (name) {
    case 'BHM':
      return { name: 'BHM', maxChargeVoltageDeciV: bat.maxChargeVoltageDeciV };
    case 'BRM': {
      const id = st.identity;
      const sw2015 = st.edition === '2015' ? id.softwareVersion : null;
      return {
        name: 'BRM',
        length: st.brmLengthBytes,
        edition: st.edition,
        version: versionOf(st.edition),
        batteryType: id.batteryType,
        ratedCapacityDeciAh: id.ratedCapacityDeciAh,
        ratedVoltageDeciV: id.ratedVoltageDeciV,
        manufacturer: id.manufacturer,
        packSerial: id.packSerial,
        productionDate: id.productionDate,
        chargeCount: id.chargeCount,
        ownedByVehicle: id.ownedByVehicle,
        vin: st.vin,
        vinStatus: st.vin === null ? 'absent' : 'valid', // informational; the encoder writes `vin` as given
        softwareVersion: sw2015,
      };
    }
    case 'BCP':
      return {
        name: 'BCP',
        maxCellVoltageCentiV: bat.maxCellVoltageCentiV,
        maxChargeCurrentDeciA: bat.maxChargeCurrentDeciA,
        nominalEnergyDeciKwh: bat.nominalEnergyDeciKwh,
        maxChargeVoltageDeciV: bat.maxChargeVoltageDeciV,
        maxTemperatureC: bat.maxTemperatureC,
        socPermille: b.socPermille,
        batteryVoltageDeciV: b.packVoltageDeciV,
      };
    case 'BRO':
      return { name: 'BRO', status: state.broReady ? 'ready' : 'not-ready' };
    case 'BCL':
      return { name: 'BCL', voltageDemandDeciV: bat.maxChargeVoltageDeciV, currentDemandDeciA: bat.currentDemandDeciA, mode: 'constant-current' };
    case 'BCS':
      return {
        name: 'BCS',
        measuredVoltageDeciV: b.measuredVoltageDeciV,
        measuredCurrentDeciA: b.measuredCurrentDeciA,
        highestCellVoltageCentiV: Math.min(b.cellVoltageCentiV, 0xfff),
        highestCellGroup: bat.cellGroup,
        socPercent: b.socPercent,
        remainingMin: b.remainingMin,
      };
    case 'BSM':
      return {
        name: 'BSM',
        highestCellNumber: bat.highestCellNumber,
        maxTemperatureC: bat.temperatureC.max,
        maxTemperatureProbe: bat.maxTemperatureProbe,
        minTemperatureC: bat.temperatureC.min,
        minTemperatureProbe: bat.minTemperatureProbe,
        ...bsmStatus(x.faults),
      };
    case 'BST': {
      const causes = state.bst ?? {};
      const entries = BST_CAUSES.map((f) => [f, (causes[f] ?? 0) as Status2]);
      return { name: 'BST', ...Object.fromEntries(entries) } as Bst;
    }
    case 'BSD':
      return {
        name: 'BSD',
        socPercent: b.socPercent,
        minCellVoltageCentiV: Math.max(0, b.cellVoltageCentiV - 3),
        maxCellVoltageCentiV: b.cellVoltageCentiV,
        minTemperatureC: bat.temperatureC.min,
        maxTemperatureC: bat.temperatureC.max,
      };
    case 'BEM': {
      const entries = BEM_FIELDS.map((f) => [f, (state.bem === f ? 1 : 0) as Status2]);
      return { name: 'BEM', ...Object.fromEntries(entries) } as Bem;
    }
  }
}
