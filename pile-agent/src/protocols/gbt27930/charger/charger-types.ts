// Types of the charger-side GB/T 27930 machine: phases (reference §4.2 S0…S9, SE, plus the
// terminal `refused` / `ended`), the state record, input events (decoded BMS messages, timeouts,
// commands from the session/power stage) and effects as data for the runner. Types only.
import type { Bcl, Bcp, Bcs, BmsMessage, Brm, Bsm, Cem, ChargerMessage, Edition, VinStatus } from '../messages/types.js';
import type { TimerName } from './charger-config.js';

export type Phase =
  | 'idle' // S0
  | 'handshake' // S1: CHM, waiting for BHM
  | 'insulation' // S2: K1/K2 closed for the insulation check
  | 'identification' // S3: CRM 0x00, waiting for a complete BRM
  | 'deciding' // S3: BRM in hand, CRM stays 0x00, waiting for the authorisation decision
  | 'refusing' // S3: refused (§4.6 option 1/2): never CRM 0xAA, waiting for BEM or timeout
  | 'identified' // S4: CRM 0xAA, waiting for BCP
  | 'parameters' // S5: CTS + CML, waiting for BRO 0xAA
  | 'output-prep' // S6: CRO 0x00 → pre-charge → K1/K2 → CRO 0xAA, waiting for BCL + BCS
  | 'charging' // S7: CCS
  | 'stopping' // S8: CST, waiting for BST / BSD
  | 'statistics' // S9: CSD
  | 'error' // SE: CEM, then recovery or the end
  | 'refused' // terminal: authorisation refused
  | 'ended'; // terminal: any other end

export const PHASE_CODE: Readonly<Record<Phase, string>> = {
  idle: 'S0',
  handshake: 'S1',
  insulation: 'S2',
  identification: 'S3',
  deciding: 'S3',
  refusing: 'S3',
  identified: 'S4',
  parameters: 'S5',
  'output-prep': 'S6',
  charging: 'S7',
  stopping: 'S8',
  statistics: 'S9',
  error: 'SE',
  refused: 'refused',
  ended: 'ended',
};

export type Decision = { readonly allow: true } | { readonly allow: false; readonly reason: string };
export type Outcome = 'stopped' | 'refused' | 'failed';
/** Why the charger stops; selects the CST bits (reference §2.5). */
export type StopCause = 'condition' | 'manual' | 'fault' | 'emergency' | 'bms';
export type ContactorPurpose = 'insulation' | 'charging';

export interface OutputMeasurement {
  readonly voltageDeciV: number;
  readonly currentDeciA: number;
  readonly chargingTimeMin: number;
  readonly energyWh: number;
}

export interface ChargerState {
  readonly phase: Phase;
  /** '2015' once BHM arrived, '2011' after the no-BHM fallback, null before. */
  readonly bmsEdition: Edition | null;
  readonly bhmMaxVoltageDeciV: number | null;
  /** First complete BRM of the session; later BRMs must carry the same VIN. */
  readonly brm: Brm | null;
  readonly decision: 'pending' | 'allowed' | 'refused' | null;
  readonly recoveries: number;
  readonly bcp: Bcp | null;
  readonly sawBro: boolean;
  readonly croReady: boolean;
  readonly sawBcl: boolean;
  readonly sawBcs: boolean;
  readonly bstSeen: boolean;
  readonly paused: boolean;
  readonly demand: { readonly voltageDeciV: number; readonly currentDeciA: number } | null;
  readonly contactors: 'open' | ContactorPurpose;
  readonly outputOn: boolean;
  readonly output: OutputMeasurement;
  /** How the session will end once the stop/error sequence finishes. */
  readonly end: { readonly outcome: Outcome; readonly reason: string } | null;
  /** In `error`: whether the CEM hold is followed by a recovery attempt. */
  readonly afterError: 'recover' | 'end';
  /** Periodic messages currently being sent, and timers currently running (kept by the machine). */
  readonly sending: readonly ChargerMessage['name'][];
  readonly timers: readonly TimerName[];
}

export type TimeoutEvent = { readonly [T in TimerName]: { readonly type: `timeout:${T}` } }[TimerName];

export type ChargerCommand =
  | { readonly type: 'start' } // plug detected: lock, aux power on, begin
  | { readonly type: 'insulation-result'; readonly ok: boolean }
  | { readonly type: 'decision'; readonly decision: Decision }
  | { readonly type: 'precharge-done'; readonly ok: boolean } // voltage check + pre-charge (§4.1 step 7)
  | { readonly type: 'local-stop'; readonly cause: StopCause; readonly reason: string }
  | ({ readonly type: 'output-measured' } & OutputMeasurement);

export type BmsEvent = { readonly type: 'bms'; readonly msg: BmsMessage };
export type ChargerEvent = BmsEvent | TimeoutEvent | ChargerCommand;

/** Table key of an event: the BMS message name, `timeout:<name>` or the command type. */
export type EventKey = BmsMessage['name'] | TimeoutEvent['type'] | ChargerCommand['type'];

export type EventByKey = {
  readonly [N in BmsMessage['name']]: { readonly type: 'bms'; readonly msg: Extract<BmsMessage, { name: N }> };
} & { readonly [T in TimeoutEvent['type']]: Extract<TimeoutEvent, { type: T }> } & {
  readonly [T in ChargerCommand['type']]: Extract<ChargerCommand, { type: T }>;
};

export type ChargerReport =
  | { readonly kind: 'phase'; readonly from: Phase; readonly to: Phase }
  | { readonly kind: 'vin'; readonly vin: string | null; readonly vinStatus: VinStatus; readonly brm: Brm }
  | { readonly kind: 'decision'; readonly decision: Decision }
  | { readonly kind: 'parameters'; readonly bcp: Bcp }
  | { readonly kind: 'measurement'; readonly msg: Bcl | Bcs | Bsm }
  | { readonly kind: 'comm-error'; readonly reason: string; readonly cem: Cem | null; readonly recoveries: number }
  | { readonly kind: 'ended'; readonly outcome: Outcome; readonly reason: string };

export type ChargerEffect =
  /** Send now, then every periodMs (replaces a running message of the same name). */
  | { readonly type: 'send-periodic'; readonly msg: ChargerMessage; readonly periodMs: number }
  /** Replace the content of a running periodic message without changing its schedule. */
  | { readonly type: 'update-periodic'; readonly msg: ChargerMessage }
  | { readonly type: 'stop-periodic'; readonly name: ChargerMessage['name'] }
  | { readonly type: 'start-timer'; readonly timer: TimerName; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: TimerName }
  | { readonly type: 'aux-power'; readonly on: boolean }
  | { readonly type: 'lock'; readonly locked: boolean }
  | { readonly type: 'contactors'; readonly closed: boolean; readonly purpose: ContactorPurpose }
  /** Ask the power stage for an insulation check; it answers with `insulation-result`. */
  | { readonly type: 'insulation-check'; readonly testVoltageDeciV: number }
  /** Ask the power stage to check the battery voltage and pre-charge; it answers `precharge-done`. */
  | { readonly type: 'prepare-output'; readonly batteryVoltageDeciV: number; readonly maxVoltageDeciV: number }
  | { readonly type: 'ask-decision'; readonly brm: Brm }
  | { readonly type: 'output-set'; readonly voltageDeciV: number; readonly currentDeciA: number }
  | { readonly type: 'output-ramp-down' }
  | { readonly type: 'output-off' }
  | { readonly type: 'report'; readonly report: ChargerReport };

export interface StepResult {
  readonly next: ChargerState;
  readonly effects: readonly ChargerEffect[];
}
