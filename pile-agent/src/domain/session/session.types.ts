// Types of the per-connector charging-session machine (charging-session.machine.ts): its phases,
// the state record, the input events (credentials, decisions, GB/T link reports, meter readings,
// stop requests, timeouts) and the effects as data that session.service.ts executes. Types only.
import type { AuthDecision, StopCredential } from '../authorization/authorize.types.js';
import type { Decision, Outcome, StopCause } from '../../protocols/gbt27930/charger/charger-types.js';
import type { StopReason } from '../../protocols/sync/session-record.js';
import type { KeypadState } from './keypad-lockout.js';

export type SessionPhase =
  | 'idle' // nothing running; credentials start a session
  | 'authorizing' // a credential is being decided (password hashing, whitelist)
  | 'starting' // allowed: reading the meter start before anything else happens
  | 'connecting' // journal opened, GB/T link running; the VIN decision happens here (BRM, before CRM 0xAA)
  | 'charging' // K1/K2 closed for charging (GB/T S6/S7)
  | 'stopping' // stop requested or the link ending; waiting for the link end and the meter stop
  | 'finished' // closed in the journal; shows the summary until timeout:reset
  | 'refused' // refused before any journal row (credential refused, meter unreadable)
  | 'faulted'; // idle with an active fault on this connector: no new session

/** The session being recorded (from `starting` until `finished`). */
export interface RunningSession {
  readonly sessionId: string;
  readonly startedAtMs: number;
  /** The credential stage's decision, replaced by the VIN stage's when it allows. */
  readonly decision: AuthDecision;
  readonly meterStartWh: number | null;
  readonly lastMeterWh: number | null;
  /** Set when the session is asked to stop (or the link stops it): the reason recorded at the end. */
  readonly stopReason: StopReason | null;
  readonly stopDetail: string | null;
  readonly linkEnded: boolean;
  readonly charged: boolean;
}

/** The phases that record a session: a `RunningSession` exists exactly in these. */
export type SessionfulPhase = 'starting' | 'connecting' | 'charging' | 'stopping';

/** What every phase holds besides the session. */
export interface ConnectorCommon {
  readonly keypad: KeypadState;
  /** Active faults on this connector (fault codes). */
  readonly faults: readonly string[];
  /** Why the last attempt was refused or the last session ended (screen text key). */
  readonly lastOutcome: string | null;
}

/**
 * A connector's state, one member per phase: `session` is a `RunningSession` in the phases that
 * record one and `null` in all others, so a handler of `charging` never has to assert it exists.
 */
export type ConnectorState = {
  [P in SessionPhase]: ConnectorCommon & { readonly phase: P; readonly session: P extends SessionfulPhase ? RunningSession : null };
}[SessionPhase];

/** The state in phase (or phases) `P`. */
export type StateIn<P extends SessionPhase> = Extract<ConnectorState, { readonly phase: P }>;

/** A state with a session being recorded. */
export type RunningState = StateIn<SessionfulPhase>;

/** What the screen shows for this connector; the screen engineer renders it. */
export interface ConnectorView {
  readonly screen: SessionPhase | 'keypad-locked';
  /** A reason code or message key (authorization ReasonCode, stop reason, fault code). */
  readonly reason?: string;
  readonly energyWh?: number;
}

/** A credential presented to start a session, before any verification. */
export type StartCredentialInput =
  | { readonly kind: 'card'; readonly cardNo: string }
  | { readonly kind: 'remote'; readonly cardNo: string }
  | { readonly kind: 'fixed-password'; readonly password: string }
  | { readonly kind: 'vin-button' };

export type SessionTimer = 'authorize' | 'connect' | 'stop' | 'keypad' | 'reset';

export type SessionEvent =
  | { readonly type: 'card'; readonly cardNo: string }
  /** A password typed on this connector's keypad (start: fixed password; running: stop passwords). */
  | { readonly type: 'password'; readonly password: string }
  | { readonly type: 'vin-button' }
  | { readonly type: 'remote-start'; readonly cardNo: string }
  /** A stop from the cloud: an operator's (`remote`, the default) or the cloud's own re-check (`cloud-veto`). */
  | { readonly type: 'remote-stop'; readonly reason?: 'remote' | 'cloud-veto'; readonly detail?: string | null }
  /** The credential stage's decision (authorize.ts), with the new session's id and start time. */
  | { readonly type: 'credential-decided'; readonly decision: AuthDecision; readonly sessionId: string; readonly atMs: number }
  /** A stop password checked: `fixed` against the current fixed-password hashes, `stop` against the snapshot. */
  | { readonly type: 'stop-password-checked'; readonly fixed: boolean; readonly stop: boolean }
  | { readonly type: 'meter-start'; readonly energyWh: number }
  | { readonly type: 'meter-start-failed'; readonly reason: string }
  /** The VIN stage's decision at BRM (authorizeVin), asked by the link's decision hook. */
  | { readonly type: 'vin-decided'; readonly decision: AuthDecision }
  /** The link entered GB/T S8 (stopping) — by our CST or by the BMS's BST. */
  | { readonly type: 'link-stopping' }
  /** K1/K2 closed for charging (GB/T 27930 §4.1 step 8): energy may flow from now on. */
  | { readonly type: 'charging-started' }
  | { readonly type: 'link-ended'; readonly outcome: Outcome; readonly reason: string }
  | { readonly type: 'meter-sample'; readonly energyWh: number; readonly powerW: number; readonly atMs: number }
  /** The meter at the end; null when it could not be read (the last sample is used). */
  | { readonly type: 'meter-stop'; readonly energyWh: number | null }
  | { readonly type: 'fault'; readonly code: string; readonly active: boolean }
  | { readonly type: `timeout:${SessionTimer}` };

/** One journal entry kind (session_event.kind) and its outbox kind `session.<kind>`. */
export type JournalKind = 'started' | 'vin' | 'charging' | 'meter' | 'stop-requested' | 'stopped';

export type SessionEffect =
  /** Verify (passwords) and decide the credential; answer with `credential-decided`. */
  | { readonly type: 'authorize'; readonly credential: StartCredentialInput }
  | { readonly type: 'read-meter-start' }
  /** Create the session row and its `started` event (with outbox record) — before the link starts. */
  | { readonly type: 'journal-open'; readonly session: RunningSession & { readonly meterStartWh: number } }
  | { readonly type: 'journal'; readonly sessionId: string; readonly kind: Exclude<JournalKind, 'started' | 'stopped'>; readonly data: Readonly<Record<string, unknown>> }
  /** Close the session row with its `stopped` event (the finished-session record). */
  | { readonly type: 'journal-close'; readonly sessionId: string; readonly meterStopWh: number; readonly stopReason: StopReason; readonly detail: string | null }
  | { readonly type: 'link-start' }
  | { readonly type: 'link-stop'; readonly cause: StopCause; readonly reason: string }
  /** Answers the link's pending decision hook (reference §4.6). */
  | { readonly type: 'answer-vin'; readonly decision: Decision }
  | { readonly type: 'check-stop-password'; readonly password: string; readonly stopBy: readonly StopCredential[] }
  | { readonly type: 'sampler-start' }
  | { readonly type: 'sampler-stop' }
  | { readonly type: 'read-meter-stop' }
  | { readonly type: 'start-timer'; readonly timer: SessionTimer; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: SessionTimer }
  | { readonly type: 'view'; readonly view: ConnectorView };

export interface SessionMachineConfig {
  /** Budget for a credential decision (scrypt verification, whitelist lookups). */
  readonly authorizeTimeoutMs: number;
  /** From link start until K1/K2 close for charging; the link's own GB/T timeouts come first. */
  readonly connectTimeoutMs: number;
  /** From a stop request until the link ends; then the session is closed anyway. */
  readonly stopTimeoutMs: number;
  /** How long the finished / refused screen stays before idle. */
  readonly resetViewMs: number;
  readonly keypad: { readonly maxFailures: number; readonly lockMs: number };
}

export interface SessionStep {
  readonly next: ConnectorState;
  readonly effects: readonly SessionEffect[];
}
