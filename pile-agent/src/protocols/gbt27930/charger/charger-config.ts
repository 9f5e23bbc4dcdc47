// Charger-side GB/T 27930 machine configuration: the timing table (reference §4.2 timeouts, §2.1
// periods) and the charger's own identity/capability. Data and defaults only; the runner's config
// (app/ schema) maps onto this. Durations in ms, voltages/currents in the wire's 0.1 V / 0.1 A units.
import type { ChargerMessage, Edition } from '../messages/types.js';

/** Every timer the machine may start; each expires as the event `timeout:<name>`. */
export type TimerName =
  | 'bhm' // S1: no BHM → 2011 fallback (reference §4.2 S1, [S], default 5 s)
  | 'insulation' // S2: insulation result not reported by the power stage
  | 'brm' // S3: no complete BRM within 5 s of the first CRM 0x00
  | 'decision' // S3: authorisation budget (§4.6 timing: ≈3–4 s to stay inside the BMS's 5 s)
  | 'refusal' // refused: wait for the BMS's BEM at most this long, then end anyway
  | 'refusal-cst' // refused with the optional CST (§4.6 option 2): how long CST is sent
  | 'bcp' // S4: no BCP within 5 s of the first CRM 0xAA
  | 'bro' // S5: no BRO at all within 5 s
  | 'bro-aa' // S5: no BRO 0xAA within 60 s
  | 'precharge' // S6: voltage check + pre-charge not reported by the power stage
  | 'bcl' // S6/S7: BCL receive timeout, 1 s
  | 'bcs' // S6/S7: BCS receive timeout, 5 s
  | 'pause' // S7: BSM pause longer than 10 min ends the session (§2.4 [S])
  | 'bst' // S8: no BST within 5 s of the first CST
  | 'bsd' // S8: no BSD within 10 s of the first CST
  | 'csd' // S9: how long CSD is repeated before the session ends
  | 'cem'; // SE: how long CEM is repeated before recovery or the end

export const DEFAULT_TIMEOUTS_MS: Readonly<Record<TimerName, number>> = {
  bhm: 5_000,
  insulation: 30_000,
  brm: 5_000,
  decision: 4_000,
  refusal: 10_000,
  'refusal-cst': 500,
  bcp: 5_000,
  bro: 5_000,
  'bro-aa': 60_000,
  precharge: 30_000,
  bcl: 1_000,
  bcs: 5_000,
  pause: 600_000,
  bst: 5_000,
  bsd: 10_000,
  csd: 2_500,
  cem: 5_000,
};

/** Nominal periods of the charger's messages (reference §2.1). */
export const PERIOD_MS: Readonly<Record<ChargerMessage['name'], number>> = {
  CHM: 250,
  CRM: 250,
  CTS: 500,
  CML: 250,
  CRO: 250,
  CCS: 50,
  CST: 10,
  CSD: 250,
  CEM: 250,
};

/** The charger's output limits, sent in CML (reference §2.3). */
export interface ChargerCapability {
  readonly maxOutputVoltageDeciV: number;
  readonly minOutputVoltageDeciV: number;
  readonly maxOutputCurrentDeciA: number;
  readonly minOutputCurrentDeciA: number;
}

export interface ChargerMachineConfig {
  /** CRM/CSD charger number (u32 in 2015, 1–100 in 2011). */
  readonly chargerNumber: number;
  /** CRM region code, 3 ASCII characters (2015) or null (0xFF fill). */
  readonly regionCode: string | null;
  /** Layout of the charger's own messages; '2011' also skips CHM (reference §2.6). */
  readonly edition: Edition;
  readonly capability: ChargerCapability;
  readonly timeoutsMs: Readonly<Record<TimerName, number>>;
  /** Identification restarts after communication errors before giving up (§4.5: 3). */
  readonly maxRecoveries: number;
  /** On refusal, send CST `01 00 F0 F0` for timeoutsMs['refusal-cst'] first (§4.6 option 2). */
  readonly refusalCst: boolean;
}

export type ChargerMachineConfigInput = Partial<Omit<ChargerMachineConfig, 'timeoutsMs' | 'capability'>> & {
  readonly timeoutsMs?: Partial<Record<TimerName, number>>;
  readonly capability?: Partial<ChargerCapability>;
};

/** CML of reference vector A: 750.0 V / 200.0 V / 250 A / 0 A. */
export const DEFAULT_CAPABILITY: ChargerCapability = {
  maxOutputVoltageDeciV: 7500,
  minOutputVoltageDeciV: 2000,
  maxOutputCurrentDeciA: 2500,
  minOutputCurrentDeciA: 0,
};

/** Fills every missing field with the reference defaults. */
export function chargerMachineConfig(input: ChargerMachineConfigInput = {}): ChargerMachineConfig {
  return {
    chargerNumber: input.chargerNumber ?? 1,
    regionCode: input.regionCode ?? null,
    edition: input.edition ?? '2015',
    capability: { ...DEFAULT_CAPABILITY, ...input.capability },
    timeoutsMs: { ...DEFAULT_TIMEOUTS_MS, ...input.timeoutsMs },
    maxRecoveries: input.maxRecoveries ?? 3,
    refusalCst: input.refusalCst ?? false,
  };
}
