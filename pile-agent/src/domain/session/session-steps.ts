// Building blocks of the charging-session machine: the step helpers (stay, go, view) and the steps
// shared by several phases — starting a credential, a stop request, the keypad's wrong/right
// password, the link's end and the session's close. Pure; the transition table composes these.
import type { StopCause } from '../../protocols/gbt27930/charger/charger-types.js';
import type { Outcome } from '../../protocols/gbt27930/charger/charger-types.js';
import type { StopReason } from '../../protocols/sync/session-record.js';
import { keypadRight, keypadWrong } from './keypad-lockout.js';
import type {
  ConnectorCommon,
  ConnectorState,
  ConnectorView,
  RunningSession,
  RunningState,
  SessionEffect,
  SessionfulPhase,
  SessionMachineConfig,
  SessionPhase,
  SessionStep,
  StartCredentialInput,
} from './session.types.js';

export const stay = (s: ConnectorState, ...effects: SessionEffect[]): SessionStep => ({ next: s, effects });

export const view = (screen: ConnectorView['screen'], extra: Omit<ConnectorView, 'screen'> = {}): SessionEffect => ({ type: 'view', view: { screen, ...extra } });

const SESSIONFUL: ReadonlySet<SessionPhase> = new Set<SessionfulPhase>(['starting', 'connecting', 'charging', 'stopping']);

/** Whether `phase` records a session. */
export const isSessionful = (phase: SessionPhase): phase is SessionfulPhase => SESSIONFUL.has(phase);

/** To a phase without a session (none began, or it is over). */
export function go(s: ConnectorState, phase: Exclude<SessionPhase, SessionfulPhase>, patch: Partial<ConnectorCommon>, ...effects: SessionEffect[]): SessionStep {
  return { next: { ...s, ...patch, phase, session: null }, effects };
}

/** To a phase that records a session, with the running session changed by `patch`. */
export function goRunning(s: RunningState, phase: SessionfulPhase, patch: Partial<RunningSession>, ...effects: SessionEffect[]): SessionStep {
  return { next: { ...s, phase, session: { ...s.session, ...patch } }, effects };
}

/** The running session changed by `patch`, the phase kept. */
export const withSession = <S extends RunningState>(s: S, patch: Partial<RunningSession>): S => ({ ...s, session: { ...s.session, ...patch } });

/** A credential in idle / finished / refused: decide it (unless a fault blocks the connector). */
export function startCredential(s: ConnectorState, credential: StartCredentialInput, cfg: SessionMachineConfig): SessionStep {
  if (s.faults.length > 0) return stay(s, view('faulted', { reason: s.faults[0] }));
  return go(
    s,
    'authorizing',
    { lastOutcome: null },
    { type: 'cancel-timer', timer: 'reset' },
    { type: 'authorize', credential },
    { type: 'start-timer', timer: 'authorize', ms: cfg.authorizeTimeoutMs },
    view('authorizing'),
  );
}

/** A wrong password (start or stop): counts it, locking the keypad at the limit. */
export function wrongPassword(s: ConnectorState, cfg: SessionMachineConfig, ...effects: SessionEffect[]): SessionStep {
  const { state: keypad, justLocked } = keypadWrong(s.keypad, cfg.keypad);
  const next = { ...s, keypad };
  if (!justLocked) return { next, effects: [...effects, view(s.phase, { reason: 'password-wrong' })] };
  return { next, effects: [...effects, { type: 'start-timer', timer: 'keypad', ms: cfg.keypad.lockMs }, view('keypad-locked')] };
}

export const rightPassword = <S extends ConnectorState>(s: S): S => ({ ...s, keypad: keypadRight(s.keypad) });

/**
 * A stop asked at the pile, by the cloud or by a fault: journal it first, then tell the link to
 * stop (CST, GB/T 27930 §4.7). A second stop request while one is pending changes nothing.
 */
export function requestStop(s: RunningState, reason: StopReason, detail: string | null, cause: StopCause, cfg: SessionMachineConfig): SessionStep {
  const session = s.session;
  if (session.stopReason !== null) return stay(s);
  return goRunning(
    s,
    'stopping',
    { stopReason: reason, stopDetail: detail },
    { type: 'journal', sessionId: session.sessionId, kind: 'stop-requested', data: { reason, detail, source: 'pile' } },
    { type: 'link-stop', cause, reason: detail ?? reason },
    { type: 'cancel-timer', timer: 'connect' },
    { type: 'start-timer', timer: 'stop', ms: cfg.stopTimeoutMs },
    view('stopping', { reason }),
  );
}

/** The stop reason of a session the link ended on its own (BMS stop, refusal, failure). */
export function reasonOfLinkEnd(outcome: Outcome, reason: string): StopReason {
  if (outcome === 'refused') return 'vin-refused';
  if (outcome === 'failed') return 'fault';
  if (/^bms-stop:.*(socTargetReached|totalVoltageReached|cellVoltageReached)/.test(reason)) return 'bms-full';
  if (reason.startsWith('bms-stop')) return 'bms-stop';
  return 'other';
}

/** The link has ended (or will not end in time): read the meter stop. */
export function linkDone(s: RunningState, outcome: Outcome, reason: string): SessionStep {
  const patch: Partial<RunningSession> = s.session.stopReason !== null ? { linkEnded: true } : { linkEnded: true, stopReason: reasonOfLinkEnd(outcome, reason), stopDetail: reason };
  return goRunning(s, 'stopping', patch, { type: 'cancel-timer', timer: 'stop' }, { type: 'cancel-timer', timer: 'connect' }, { type: 'read-meter-stop' });
}

/**
 * Closes the session from the meter stop (or, unreadable, the last sample, else the start): never
 * below the meter start. The journal close comes before the screen shows the summary.
 */
export function closeSession(s: RunningState, meterStopWh: number | null, cfg: SessionMachineConfig): SessionStep {
  const session = s.session;
  const start = session.meterStartWh ?? 0;
  const stopWh = Math.max(start, meterStopWh ?? session.lastMeterWh ?? start);
  const reason = session.stopReason ?? 'other';
  return go(
    s,
    'finished',
    { lastOutcome: reason },
    { type: 'sampler-stop' },
    { type: 'journal-close', sessionId: session.sessionId, meterStopWh: stopWh, stopReason: reason, detail: session.stopDetail },
    view('finished', { reason, energyWh: stopWh - start }),
    { type: 'start-timer', timer: 'reset', ms: cfg.resetViewMs },
  );
}
