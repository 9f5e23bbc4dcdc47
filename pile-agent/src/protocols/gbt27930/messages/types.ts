// Decoded GB/T 27930 messages (reference §2): one interface per message, discriminated by `name`.
// Units are in the field names. Currents are *charging* currents, positive into the battery:
// the wire's 0.1 A/bit −400 A offset (reference §0 "Current sign") is undone by the codecs.
// This file holds types only; codecs live in the sibling files (one per message).

export type Edition = '2011' | '2015';

/** A 2-bit status field (reference §0): 0 normal/not reached, 1 abnormal/reached, 2 not credible, 3 n/a. */
export type Status2 = 0 | 1 | 2 | 3;

export type VinStatus = 'valid' | 'bad-check-digit' | 'absent' | 'malformed';

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

/** CHM, charger handshake (§2.2), C→B, 3 bytes. */
export interface Chm {
  readonly name: 'CHM';
  readonly version: ProtocolVersion;
}

/** BHM, BMS handshake (§2.2), B→C, 2 bytes. */
export interface Bhm {
  readonly name: 'BHM';
  readonly maxChargeVoltageDeciV: number;
}

/** CRM, charger recognition (§2.2), C→B, 8 bytes; 2011 layout has a 1-byte charger number. */
export interface Crm {
  readonly name: 'CRM';
  readonly recognized: boolean; // 0xAA = true, 0x00 = false
  readonly chargerNumber: number;
  readonly regionCode: string | null; // null when the bytes are 0xFF
  readonly edition: Edition;
}

export interface BrmProductionDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** BRM, BMS and vehicle identification (§2.2), B→C, any length ≥ 8 (41 in 2011, 49 in 2015). */
export interface Brm {
  readonly name: 'BRM';
  readonly length: number;
  readonly edition: Edition; // from the version bytes: 00 01 00 → 2011, 01 01 00 → 2015
  readonly version: ProtocolVersion;
  readonly batteryType: number;
  readonly ratedCapacityDeciAh: number;
  readonly ratedVoltageDeciV: number;
  readonly manufacturer: string | null; // null when absent (0xFF fill or short BRM)
  readonly packSerial: string | null; // hex of the 4 bytes, null when absent
  readonly productionDate: BrmProductionDate | null;
  readonly chargeCount: number | null;
  readonly ownedByVehicle: boolean | null;
  readonly vin: string | null; // the 17 characters when vinStatus is valid or bad-check-digit
  readonly vinStatus: VinStatus;
  readonly softwareVersion: string | null; // hex of bytes 42–49 (raw, layout unconfirmed), 2015 only
}

/** BCP, battery charging parameters (§2.3), B→C, 13 bytes. */
export interface Bcp {
  readonly name: 'BCP';
  readonly maxCellVoltageCentiV: number;
  readonly maxChargeCurrentDeciA: number;
  readonly nominalEnergyDeciKwh: number;
  readonly maxChargeVoltageDeciV: number;
  readonly maxTemperatureC: number;
  readonly socPermille: number; // 0.1 %/bit
  readonly batteryVoltageDeciV: number;
}

export interface CtsTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** CTS, charger time synchronisation (§2.3), C→B, 7 bytes; null time when not valid BCD / all 0xFF. */
export interface Cts {
  readonly name: 'CTS';
  readonly time: CtsTime | null;
}

/** CML, charger maximum output capability (§2.3), C→B, 8 bytes (2011: 6). */
export interface Cml {
  readonly name: 'CML';
  readonly maxOutputVoltageDeciV: number;
  readonly minOutputVoltageDeciV: number;
  readonly maxOutputCurrentDeciA: number;
  readonly minOutputCurrentDeciA: number | null;
}

export type ReadyStatus = 'not-ready' | 'ready' | 'invalid';

/** BRO, BMS ready (§2.3), B→C, 1 byte. */
export interface Bro {
  readonly name: 'BRO';
  readonly status: ReadyStatus;
}

/** CRO, charger output ready (§2.3), C→B, 1 byte. */
export interface Cro {
  readonly name: 'CRO';
  readonly status: ReadyStatus;
}

/** BCL, battery charging demand (§2.4), B→C, 5 bytes. */
export interface Bcl {
  readonly name: 'BCL';
  readonly voltageDemandDeciV: number;
  readonly currentDemandDeciA: number;
  readonly mode: 'constant-voltage' | 'constant-current' | 'unknown';
}

/** BCS, battery charging overall status (§2.4), B→C, 9 bytes. */
export interface Bcs {
  readonly name: 'BCS';
  readonly measuredVoltageDeciV: number;
  readonly measuredCurrentDeciA: number;
  readonly highestCellVoltageCentiV: number;
  readonly highestCellGroup: number;
  readonly socPercent: number;
  readonly remainingMin: number;
}

/** CCS, charger charging status (§2.4), C→B, 6–8 bytes. */
export interface Ccs {
  readonly name: 'CCS';
  readonly outputVoltageDeciV: number;
  readonly outputCurrentDeciA: number;
  readonly chargingTimeMin: number;
  readonly permitted: boolean | null; // null for the 2011 6-byte form
}

/** BSM, battery status information (§2.4), B→C, 7 bytes. */
export interface Bsm {
  readonly name: 'BSM';
  readonly highestCellNumber: number;
  readonly maxTemperatureC: number;
  readonly maxTemperatureProbe: number;
  readonly minTemperatureC: number;
  readonly minTemperatureProbe: number;
  readonly cellVoltage: Status2;
  readonly soc: Status2;
  readonly overCurrent: Status2;
  readonly overTemperature: Status2;
  readonly insulation: Status2;
  readonly connector: Status2;
  readonly chargingPermitted: Status2;
}

/** BMV, BMT, BSP (§2.4): optional, variable length, TP; no receive timeouts apply. */
export interface Bmv {
  readonly name: 'BMV';
  readonly cells: readonly { readonly voltageCentiV: number; readonly group: number }[];
}
export interface Bmt {
  readonly name: 'BMT';
  readonly temperaturesC: readonly number[];
}
export interface Bsp {
  readonly name: 'BSP';
  readonly raw: string; // hex
}

/** BST, BMS stop charging (§2.5), B→C, 4 bytes: every 2-bit cause. */
export interface Bst {
  readonly name: 'BST';
  readonly socTargetReached: Status2;
  readonly totalVoltageReached: Status2;
  readonly cellVoltageReached: Status2;
  readonly chargerInitiated: Status2;
  readonly insulationFault: Status2;
  readonly connectorOverTemperature: Status2;
  readonly bmsComponentOverTemperature: Status2;
  readonly connectorFault: Status2;
  readonly batteryOverTemperature: Status2;
  readonly highVoltageRelayFault: Status2;
  readonly checkPoint2Fault: Status2;
  readonly otherFault: Status2;
  readonly overCurrent: Status2;
  readonly voltageAbnormal: Status2;
}

/** CST, charger stop charging (§2.5), C→B, 4 bytes. */
export interface Cst {
  readonly name: 'CST';
  readonly conditionReached: Status2;
  readonly manualStop: Status2;
  readonly faultStop: Status2;
  readonly bmsInitiated: Status2;
  readonly chargerOverTemperature: Status2;
  readonly connectorFault: Status2;
  readonly internalOverTemperature: Status2;
  readonly energyNotDeliverable: Status2;
  readonly emergencyStop: Status2;
  readonly otherFault: Status2;
  readonly currentMismatch: Status2;
  readonly voltageAbnormal: Status2;
}

/** BSD, BMS statistics (§2.5), B→C, 7 bytes. */
export interface Bsd {
  readonly name: 'BSD';
  readonly socPercent: number;
  readonly minCellVoltageCentiV: number;
  readonly maxCellVoltageCentiV: number;
  readonly minTemperatureC: number;
  readonly maxTemperatureC: number;
}

/** CSD, charger statistics (§2.5), C→B, 8 bytes (2011: 5). */
export interface Csd {
  readonly name: 'CSD';
  readonly chargingTimeMin: number;
  readonly energyDeciKwh: number;
  readonly chargerNumber: number;
}

/** BEM, BMS error: which charger message the BMS timed out on (§2.5). */
export interface Bem {
  readonly name: 'BEM';
  readonly crm00: Status2;
  readonly crmAA: Status2;
  readonly ctsCml: Status2;
  readonly cro: Status2;
  readonly ccs: Status2;
  readonly cst: Status2;
  readonly csd: Status2;
}

/** CEM, charger error: which BMS message the charger timed out on (§2.5). */
export interface Cem {
  readonly name: 'CEM';
  readonly brm: Status2;
  readonly bcp: Status2;
  readonly bro: Status2;
  readonly bcs: Status2;
  readonly bcl: Status2;
  readonly bst: Status2;
  readonly bsd: Status2;
}

export type ChargerMessage = Chm | Crm | Cts | Cml | Cro | Ccs | Cst | Csd | Cem;
export type BmsMessage = Bhm | Brm | Bcp | Bro | Bcl | Bcs | Bsm | Bmv | Bmt | Bsp | Bst | Bsd | Bem;
export type GbtMessage = ChargerMessage | BmsMessage;
export type GbtMessageName = GbtMessage['name'];
