// The BMS link port: runs the charger side of one GB/T 27930 session at a time on one connector
// and tells the session layer what happens, as typed events. It never decides authorisation itself
// (the `decide` dependency of the driver does) and never drives power hardware directly: it asks
// (`insulation-check`, `prepare-output`, `output`) and the power stage answers through `power()`.
import type { Bcl, Bcp, Bcs, Brm, Bsm, Cem, GbtMessage, VinStatus } from '../protocols/gbt27930/messages/types.js';
import type { TpCm } from '../protocols/gbt27930/transport/tp-cm.js';
import type { ContactorPurpose, Decision, Outcome, Phase, StopCause } from '../protocols/gbt27930/charger/charger-types.js';
import type { CanFrame } from './can-channel.port.js';

export type { ContactorPurpose, Decision, Outcome, Phase as BmsLinkPhase, StopCause };

/** One frame in or out, decoded as far as possible (for the technician's `gbt trace`). */
export interface BmsTraceRecord {
  readonly direction: 'rx' | 'tx';
  readonly atMs: number;
  readonly frame: CanFrame;
  /** The decoded message: single-frame messages, and TP messages once reassembled (then `frame` is the last DT). */
  readonly message?: GbtMessage;
  /** A TP.CM control frame (RTS, CTS, EndOfMsgAck, Abort, BAM). */
  readonly transport?: TpCm;
  /** Why a received frame was not understood (it is then ignored). */
  readonly error?: string;
}

export interface BmsLinkEvents {
  /** Phase of reference §4.2 (`code` is S0…S9 / SE / refused / ended). */
  phase: { readonly from: Phase; readonly to: Phase; readonly code: string };
  /** The first complete BRM, before any decision (reference §4.6 decision point). */
  vin: { readonly vin: string | null; readonly vinStatus: VinStatus; readonly brm: Brm };
  decision: { readonly decision: Decision };
  parameters: { readonly bcp: Bcp };
  measurement: { readonly msg: Bcl | Bcs | Bsm };
  contactors: { readonly closed: boolean; readonly purpose: ContactorPurpose };
  'aux-power': { readonly on: boolean };
  lock: { readonly locked: boolean };
  /** The power stage must run the insulation check and answer `power({type:'insulation-result'})`. */
  'insulation-check': { readonly testVoltageDeciV: number };
  /** The power stage must check the battery voltage, pre-charge, and answer `precharge-done`. */
  'prepare-output': { readonly batteryVoltageDeciV: number; readonly maxVoltageDeciV: number };
  output: { readonly action: 'set'; readonly voltageDeciV: number; readonly currentDeciA: number } | { readonly action: 'ramp-down' | 'off' };
  'comm-error': { readonly reason: string; readonly cem: Cem | null; readonly recoveries: number };
  ended: { readonly outcome: Outcome; readonly reason: string };
  trace: BmsTraceRecord;
}

/** Answers of the power stage (insulation monitor, converter, meter) to the link's requests. */
export type PowerStageReport =
  | { readonly type: 'insulation-result'; readonly ok: boolean }
  | { readonly type: 'precharge-done'; readonly ok: boolean }
  | {
      readonly type: 'output-measured';
      readonly voltageDeciV: number;
      readonly currentDeciA: number;
      readonly chargingTimeMin: number;
      readonly energyWh: number;
    };

export interface BmsLinkSnapshot {
  readonly phase: Phase;
  readonly vin: string | null;
  readonly vinStatus: VinStatus | null;
  readonly recoveries: number;
  /** The state of charge from the BMS's last BCS of this session (GB/T 27930 §2.4), when any. */
  readonly socPct: number | null;
}

export interface BmsLink {
  /**
   * Starts a session (plug detected): lock, aux power, CHM… The CAN channel must already be open.
   * Ignored (with a logged warning) while a session runs; after `ended` a new session may start.
   * Throws AgentError(DriverNotOpen) after close().
   */
  start(): void;
  /** Charger-initiated stop (reference §4.7) with the CST cause and a reason for the record. */
  stop(cause: StopCause, reason: string): void;
  /** Feeds an answer of the power stage; ignored when no session is waiting for it. */
  power(report: PowerStageReport): void;
  /** Subscribes to one event; returns the unsubscribe function. */
  on<K extends keyof BmsLinkEvents>(event: K, listener: (payload: BmsLinkEvents[K]) => void): () => void;
  /** Where the current (or last) session stands. */
  snapshot(): BmsLinkSnapshot;
  /**
   * Releases the link: cancels every timer, stops every periodic message, stops listening to the
   * channel (the channel itself stays open: its owner closes it). Idempotent; no event afterwards.
   */
  close(): void;
}
