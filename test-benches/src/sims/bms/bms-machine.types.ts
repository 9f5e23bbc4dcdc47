// States, events and effects of the simulated BMS's phase machine (reference §4.3 "BMS simulator
// obligations"). Types only: the transition table is bms.machine.ts, the runner gbt-bms.sim.ts.
// Message *contents* are not here: effects name a periodic message, the runner builds it from the
// state (BRO ready flag, BST causes, BEM bits) plus settings, battery and faults at each period.
import type { Bst, ChargerMessage, Edition, Status2 } from '../../../../pile-agent/protocols.js';

export type BmsPhase =
  | 'off' // not powered
  | 'waiting' // powered (aux power on), waiting for CHM or CRM
  | 'handshake' // 2015: BHM every 250 ms
  | 'identification' // BRM by TP every 250 ms until CRM 0xAA
  | 'parameters' // BCP by TP every 500 ms until CML
  | 'ready' // BRO 0x00 then 0xAA until CRO 0xAA
  | 'charging' // BCL 50 ms, BCS 250 ms (TP), BSM 250 ms
  | 'stopping' // BST every 10 ms
  | 'ending' // BSD every 250 ms until CSD
  | 'error' // BEM every 250 ms
  | 'done';

export type PeriodicMessage = 'BHM' | 'BRM' | 'BCP' | 'BRO' | 'BCL' | 'BCS' | 'BSM' | 'BST' | 'BSD' | 'BEM';

export type BmsTimer = 'wake' | 'crm00' | 'brm-delay' | 'crmAA' | 'cml' | 'bro-ready' | 'cro' | 'croAA' | 'ccs' | 'cst' | 'bst-linger' | 'csd' | 'bem-hold' | 'bem-end';

/** The BST cause fields (reference §2.5), every one a 2-bit status. */
export type BstCause = Exclude<keyof Bst, 'name'>;
export type BstCauses = Readonly<Partial<Record<BstCause, Status2>>>;

/** The BEM timeout fields (reference §2.5): which charger message the BMS waited for in vain. */
export type BemField = 'crm00' | 'crmAA' | 'ctsCml' | 'cro' | 'ccs' | 'cst' | 'csd';

export interface BmsState {
  readonly phase: BmsPhase;
  readonly edition: Edition;
  /** BRO content: false = 0x00 (not ready), true = 0xAA. */
  readonly broReady: boolean;
  /** BST content while stopping. */
  readonly bst: BstCauses | null;
  /** Whether a CST was received in this stop. */
  readonly cstSeen: boolean;
  /** BEM content while in error. */
  readonly bem: BemField | null;
  /** In error: a CRM 0x00 restarts identification only after the hold time. */
  readonly restartArmed: boolean;
  readonly restarts: number;
}

export type BmsEvent =
  | { readonly type: 'power-on' }
  | { readonly type: 'power-off' }
  | { readonly type: 'rx'; readonly msg: ChargerMessage }
  | { readonly type: 'timeout'; readonly name: BmsTimer }
  /** A stop the BMS decides (SOC target, fault command); only acted on in ready / charging. */
  | { readonly type: 'stop-request'; readonly causes: BstCauses };

export type BmsEffect =
  /** Send now and then every periodMs (the runner looks the period up in the settings). */
  | { readonly kind: 'start-periodic'; readonly message: PeriodicMessage }
  | { readonly kind: 'stop-periodic'; readonly message: PeriodicMessage }
  | { readonly kind: 'stop-all-periodic' }
  /** Starts (or restarts) a named timer; the runner looks its duration up in the settings. */
  | { readonly kind: 'start-timer'; readonly name: BmsTimer }
  | { readonly kind: 'cancel-timer'; readonly name: BmsTimer }
  | { readonly kind: 'cancel-all-timers' }
  /** The battery integrates CCS current only while charging. */
  | { readonly kind: 'output-stopped' }
  | { readonly kind: 'phase'; readonly phase: BmsPhase; readonly reason: string };

export interface BmsTransition {
  readonly state: BmsState;
  readonly effects: readonly BmsEffect[];
}

export function initialBmsState(edition: Edition): BmsState {
  return { phase: 'off', edition, broReady: false, bst: null, cstSeen: false, bem: null, restartArmed: false, restarts: 0 };
}
