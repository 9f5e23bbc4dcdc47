// What a BMS behaviour is (STYLE R6): an injectable object that may adjust the simulator's settings
// before it starts and sees every inbound charger message / TP control frame and every outbound
// frame, and may answer, delay, corrupt (replace) or silence them. Behaviours own their state (no
// module-level registries); when several are given, the first verdict that is not `undefined` wins.
import type { BmsMessage, ChargerMessage, TpCm } from '../../../../../pile-agent/protocols.js';
import type { CanFrame } from '../../../../../pile-agent/ports.js';
import type { BatteryReadings } from '../bms-battery.model.js';
import type { BmsPhase } from '../bms-machine.types.js';
import type { BmsSettings } from '../bms-settings.js';

export interface BehaviorContext {
  readonly phase: BmsPhase;
  readonly nowMs: number;
  readonly battery: BatteryReadings;
  readonly settings: BmsSettings;
}

export type InboundSeen = { readonly kind: 'message'; readonly msg: ChargerMessage } | { readonly kind: 'tp'; readonly cm: TpCm };

export type InboundVerdict =
  /** The BMS does not hear it (a deaf BMS, a dropped CTS). */
  | { readonly action: 'ignore' }
  /** Sends these frames; the BMS itself then ignores the message unless `alsoAccept`. */
  | { readonly action: 'answer'; readonly frames: readonly CanFrame[]; readonly alsoAccept?: boolean };

export interface OutboundSeen {
  readonly message: BmsMessage['name'];
  /** `frame` = a single-frame message; the others are TP frames of a TP message. */
  readonly role: 'frame' | 'rts' | 'dt' | 'abort';
  readonly frame: CanFrame;
}

export interface OutboundVerdict {
  /** What goes on the wire instead: [] = stay silent, other frames = corrupt/replace/interleave. */
  readonly frames: readonly CanFrame[];
  /** Sent this many ms later (through the injected clock); 0 or absent = now. */
  readonly delayMs?: number;
}

export interface BmsBehavior {
  readonly name: string;
  /** Adjusts the settings once, before the simulator starts (VIN, timing, TP sender policy, SOC target). */
  configure?(settings: BmsSettings): BmsSettings;
  onInbound?(seen: InboundSeen, ctx: BehaviorContext): InboundVerdict | undefined;
  onOutbound?(seen: OutboundSeen, ctx: BehaviorContext): OutboundVerdict | undefined;
}
