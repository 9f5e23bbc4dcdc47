// Settings of the simulated BMS: identity (BRM fields), battery data, timing (periods and the BMS's
// own receive timeouts of reference §4.3) and the TP sender policy (§3.4). Defaults reproduce the
// battery of test vector A (reference §7.1) so the sim's frames can be compared with the vectors.
// Data and pure helpers only; the two built-in profiles (2015 with VIN, 2011 without) live here too.
import type { Edition } from '../../../../pile-agent/protocols.js';

/** BRM content (reference §2.2) other than version and VIN, which follow the edition and config. */
export interface BmsIdentity {
  readonly batteryType: number;
  readonly ratedCapacityDeciAh: number;
  readonly ratedVoltageDeciV: number;
  readonly manufacturer: string | null;
  readonly packSerial: string | null; // 4 bytes as hex
  readonly productionDate: { readonly year: number; readonly month: number; readonly day: number } | null;
  readonly chargeCount: number | null;
  readonly ownedByVehicle: boolean | null;
  readonly softwareVersion: string | null; // 8 bytes as hex, 2015 only
}

/** Battery data for BHM, BCP, BCL, BCS, BSM, BSD and the SOC model. */
export interface BmsBattery {
  readonly maxCellVoltageCentiV: number;
  readonly maxChargeCurrentDeciA: number;
  readonly nominalEnergyDeciKwh: number;
  readonly maxChargeVoltageDeciV: number;
  readonly maxTemperatureC: number;
  readonly cells: number;
  /** Pack voltage at 0 % and 100 % SOC (linear model). */
  readonly emptyVoltageDeciV: number;
  readonly fullVoltageDeciV: number;
  readonly startSocPermille: number;
  /** BCL current demand (0.1 A). */
  readonly currentDemandDeciA: number;
  readonly highestCellNumber: number;
  readonly cellGroup: number;
  readonly maxTemperatureProbe: number;
  readonly minTemperatureProbe: number;
  readonly temperatureC: { readonly min: number; readonly max: number };
  /** Multiplies the charge the model integrates (1 = real time; 60 = one minute of charge per second). */
  readonly socSpeed: number;
}

/** §4.3 periods and timeouts as the BMS applies them; all in ms. */
export interface BmsTiming {
  readonly periodsMs: {
    readonly BHM: number;
    readonly BRM: number;
    readonly BCP: number;
    readonly BRO: number;
    readonly BCL: number;
    readonly BCS: number;
    readonly BSM: number;
    readonly BST: number;
    readonly BSD: number;
    readonly BEM: number;
  };
  readonly wakeTimeoutMs: number; // no CRM within 60 s of wake-up → BEM 1.1
  readonly crmAfterChmTimeoutMs: number; // no CRM within 30 s of CHM → BEM 1.1
  readonly firstBrmDelayMs: number; // 0 = first BRM right after CRM 0x00 (slow-brm raises it)
  readonly crmAaTimeoutMs: number; // no CRM 0xAA within 5 s of the first BRM → BEM 1.3
  readonly cmlTimeoutMs: number; // no CML within 5 s → BEM 2.1
  readonly broNotReadyMs: number; // BRO 0x00 this long (closing K5/K6), then 0xAA
  readonly croTimeoutMs: number; // no CRO at all within 5 s of BRO 0xAA → BEM 2.3
  readonly croAaTimeoutMs: number; // no CRO 0xAA within 60 s → BEM 2.3
  readonly ccsTimeoutMs: number; // no CCS for 1 s → BEM 3.1
  readonly cstTimeoutMs: number; // no CST within 5 s of BST → BEM 3.3
  readonly bstAfterCstMs: number; // keep BST this long after the CST, then BSD
  readonly csdTimeoutMs: number; // no CSD within 10 s → BEM 4.1
  readonly bemDurationMs: number; // BEM is sent this long, then the BMS falls silent
  readonly bemHoldMs: number; // a CRM 0x00 this long after the BEM started restarts identification
  readonly maxRestarts: number;
}

/** The sender side of J1939-21 TP (reference §3.4). */
export interface TpSenderPolicy {
  readonly t3Ms: number; // wait for CTS / EndOfMsgAck
  readonly t4Ms: number; // after a hold CTS (0 packets)
  /** RTS repeated at the next periods while no CTS came (cts-ignored); 0 = wait for T3. */
  readonly rtsRetries: number;
  readonly abortStyle: 'j1939' | 'old-style';
  /** Abort the first `abortTransfers` transfers after this many DT packets (abort-mid-transfer). */
  readonly abortAfterPackets: number | null;
  readonly abortTransfers: number;
}

export interface BmsSettings {
  readonly edition: Edition;
  /** Text written to BRM bytes 25–41 (up to 17 characters, 0xFF fill); null = VIN absent. */
  readonly vin: string | null;
  /** 49 for 2015 (with software version), 41 for 2011; any length ≥ 8 is sent as given. */
  readonly brmLengthBytes: number;
  readonly identity: BmsIdentity;
  readonly battery: BmsBattery;
  readonly timing: BmsTiming;
  readonly tp: TpSenderPolicy;
  /** SOC (%) at which the BMS stops with BST "SOC target reached"; 100 unless a behaviour says so. */
  readonly targetSocPercent: number;
}

/** Vector A's battery (reference §7.1 "Expected decodes"). */
export const VECTOR_A_IDENTITY: BmsIdentity = {
  batteryType: 0x03, // LFP
  ratedCapacityDeciAh: 2800,
  ratedVoltageDeciV: 5760,
  manufacturer: 'CATL',
  packSerial: '01000000',
  productionDate: { year: 2019, month: 6, day: 15 },
  chargeCount: 1234,
  ownedByVehicle: true,
  softwareVersion: '011403E707FFFFFF',
};

/** Vector B's 2011 BMS: LFP 200.0 Ah 537.6 V, every optional field absent (reference §7.2). */
export const VECTOR_B_IDENTITY: BmsIdentity = {
  batteryType: 0x03,
  ratedCapacityDeciAh: 2000,
  ratedVoltageDeciV: 5376,
  manufacturer: null,
  packSerial: null,
  productionDate: null,
  chargeCount: null,
  ownedByVehicle: null,
  softwareVersion: null,
};

export const DEFAULT_BATTERY: BmsBattery = {
  maxCellVoltageCentiV: 365,
  maxChargeCurrentDeciA: 3500,
  nominalEnergyDeciKwh: 1613,
  maxChargeVoltageDeciV: 6480,
  maxTemperatureC: 55,
  cells: 180,
  emptyVoltageDeciV: 5605, // with 646.0 V at 100 %: 590.4 V at 35.0 %, vector A's BCP
  fullVoltageDeciV: 6460,
  startSocPermille: 350,
  currentDemandDeciA: 2000,
  highestCellNumber: 31,
  cellGroup: 1,
  maxTemperatureProbe: 5,
  minTemperatureProbe: 12,
  temperatureC: { min: 28, max: 32 },
  socSpeed: 1,
};

export const DEFAULT_TIMING: BmsTiming = {
  periodsMs: { BHM: 250, BRM: 250, BCP: 500, BRO: 250, BCL: 50, BCS: 250, BSM: 250, BST: 10, BSD: 250, BEM: 250 },
  wakeTimeoutMs: 60_000,
  crmAfterChmTimeoutMs: 30_000,
  firstBrmDelayMs: 0,
  crmAaTimeoutMs: 5_000,
  cmlTimeoutMs: 5_000,
  broNotReadyMs: 500,
  croTimeoutMs: 5_000,
  croAaTimeoutMs: 60_000,
  ccsTimeoutMs: 1_000,
  cstTimeoutMs: 5_000,
  bstAfterCstMs: 100,
  csdTimeoutMs: 10_000,
  bemDurationMs: 5_000,
  bemHoldMs: 1_000,
  maxRestarts: 3,
};

export const DEFAULT_TP_POLICY: TpSenderPolicy = {
  t3Ms: 1_250,
  t4Ms: 1_050,
  rtsRetries: 0,
  abortStyle: 'j1939',
  abortAfterPackets: null,
  abortTransfers: 0,
};

/** Profile "2015 BMS with VIN": CHM answered with BHM, 49-byte BRM, version 01 01 00. */
export function profile2015(vin: string | null): BmsSettings {
  return {
    edition: '2015',
    vin,
    brmLengthBytes: 49,
    identity: VECTOR_A_IDENTITY,
    battery: DEFAULT_BATTERY,
    timing: DEFAULT_TIMING,
    tp: DEFAULT_TP_POLICY,
    targetSocPercent: 100,
  };
}

/** Profile "2011 BMS": silent on CHM, 41-byte BRM, version 00 01 00, optional fields 0xFF, no VIN. */
export function profile2011(vin: string | null = null): BmsSettings {
  return {
    ...profile2015(vin),
    edition: '2011',
    brmLengthBytes: 41,
    identity: VECTOR_B_IDENTITY,
  };
}

/** Shallow-merges nested blocks, so callers override single fields (`{ timing: { bemHoldMs: 0 } }`). */
export type BmsSettingsPatch = Partial<Omit<BmsSettings, 'identity' | 'battery' | 'timing' | 'tp'>> & {
  readonly identity?: Partial<BmsIdentity>;
  readonly battery?: Partial<BmsBattery>;
  readonly timing?: Partial<Omit<BmsTiming, 'periodsMs'>> & { readonly periodsMs?: Partial<BmsTiming['periodsMs']> };
  readonly tp?: Partial<TpSenderPolicy>;
};

export function patchSettings(base: BmsSettings, patch: BmsSettingsPatch): BmsSettings {
  return {
    ...base,
    ...patch,
    identity: { ...base.identity, ...patch.identity },
    battery: { ...base.battery, ...patch.battery },
    timing: { ...base.timing, ...patch.timing, periodsMs: { ...base.timing.periodsMs, ...patch.timing?.periodsMs } },
    tp: { ...base.tp, ...patch.tp },
  };
}
