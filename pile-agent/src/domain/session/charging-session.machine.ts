// The charging session of one connector as a transition table (house rule R8): idle → authorizing
// (credential) → starting (meter start) → connecting (journal opened, GB/T link running, VIN decided
// at BRM before CRM 0xAA — GB/T 27930-2015 §10.2 / reference §4.6) → charging (K1/K2 closed) →
// stopping → finished, plus refused and faulted. Effects are data, journal writes listed before the
// action they precede; timers arrive as `timeout:*` events. Pure: no I/O, no clock, no hashing.
import { mayStop } from '../authorization/stop-check.js';
import { KEYPAD_OPEN, keypadUnlock } from './keypad-lockout.js';
import type { ConnectorState, RunningSession, SessionEvent, SessionMachineConfig, SessionPhase, SessionStep, StateIn } from './session.types.js';
import { closeSession, go, goRunning, linkDone, requestStop, rightPassword, startCredential, stay, view, withSession, wrongPassword } from './session-steps.js';

type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;
/** A handler sees the state of its own phase(s): in a phase that records a session, `s.session` exists. */
type Handler<S extends ConnectorState, T extends SessionEvent['type']> = (s: S, e: EventOf<T>, cfg: SessionMachineConfig) => SessionStep | null;
type PhaseTable<S extends ConnectorState> = { readonly [T in SessionEvent['type']]?: Handler<S, T> };
type AnyHandler = (s: ConnectorState, e: SessionEvent, cfg: SessionMachineConfig) => SessionStep | null;

export const SESSION_IDLE: ConnectorState = { phase: 'idle', session: null, keypad: KEYPAD_OPEN, faults: [], lastOutcome: null };

/** Credentials where a new session may start (idle, and the summary screens of the last one). */
const ready: PhaseTable<StateIn<'idle' | 'finished' | 'refused'>> = {
  card: (s, e, cfg) => startCredential(s, { kind: 'card', cardNo: e.cardNo }, cfg),
  'remote-start': (s, e, cfg) => startCredential(s, { kind: 'remote', cardNo: e.cardNo }, cfg),
  'vin-button': (s, _e, cfg) => startCredential(s, { kind: 'vin-button' }, cfg),
  password: (s, e, cfg) => (s.keypad.locked ? stay(s, view('keypad-locked')) : startCredential(s, { kind: 'fixed-password', password: e.password }, cfg)),
};

const summary: PhaseTable<StateIn<'finished' | 'refused'>> = {
  ...ready,
  'timeout:reset': (s) => (s.faults.length ? go(s, 'faulted', {}, view('faulted', { reason: s.faults[0] })) : go(s, 'idle', {}, view('idle'))),
};

/** Stop requests while a session runs (connecting or charging). */
const running: PhaseTable<StateIn<'connecting' | 'charging'>> = {
  card: (s, e, cfg) =>
    mayStop(s.session.decision.stopBy, { kind: 'card', cardNo: e.cardNo }) ? requestStop(s, 'user-card', 'card', 'manual', cfg) : stay(s, view(s.phase, { reason: 'card-not-for-this-session' })),
  password: (s, e, cfg) => {
    if (s.keypad.locked) return stay(s, view('keypad-locked'));
    const stopBy = s.session.decision.stopBy;
    if (!stopBy.some((c) => c.kind === 'fixed-password' || c.kind === 'stop-password')) return wrongPassword(s, cfg);
    return stay(s, { type: 'check-stop-password', password: e.password, stopBy });
  },
  'stop-password-checked': (s, e, cfg) => {
    const stopBy = s.session.decision.stopBy;
    const byFixed = mayStop(stopBy, { kind: 'fixed-password', verified: e.fixed });
    const byStop = mayStop(stopBy, { kind: 'stop-password', verified: e.stop });
    if (!byFixed && !byStop) return wrongPassword(s, cfg);
    return requestStop(rightPassword(s), byStop ? 'stop-password' : 'fixed-password', byStop ? 'stop-password' : 'fixed-password', 'manual', cfg);
  },
  'remote-stop': (s, e, cfg) => requestStop(s, e.reason ?? 'remote', e.detail ?? null, 'manual', cfg),
  'link-ended': (s, e) => linkDone(s, e.outcome, e.reason),
};

const TABLE: { readonly [P in SessionPhase]: PhaseTable<StateIn<P>> } = {
  idle: ready,
  faulted: {},
  finished: summary,
  refused: summary,

  authorizing: {
    'credential-decided': (s, e, cfg) => {
      const d = e.decision;
      const cancel = { type: 'cancel-timer', timer: 'authorize' } as const;
      if (d.verdict === 'allow') {
        const session: RunningSession = {
          sessionId: e.sessionId,
          startedAtMs: e.atMs,
          decision: d,
          meterStartWh: null,
          lastMeterWh: null,
          stopReason: null,
          stopDetail: null,
          linkEnded: false,
          charged: false,
        };
        const base = d.credential.kind === 'fixed-password' ? rightPassword(s) : s;
        return { next: { ...base, phase: 'starting', session }, effects: [cancel, { type: 'read-meter-start' }, view('starting')] };
      }
      // A refusal (or `ask-cloud`: no cloud link is wired yet, so an unknown card stays refused).
      const refused = { ...s, phase: 'refused' as const, lastOutcome: d.reason };
      const reset = { type: 'start-timer', timer: 'reset', ms: cfg.resetViewMs } as const;
      if (d.reason === 'password-wrong') {
        const r = wrongPassword(refused, cfg, cancel);
        return { next: r.next, effects: [...r.effects, reset] };
      }
      return stay(refused, cancel, view('refused', { reason: d.reason }), reset);
    },
    'timeout:authorize': (s, _e, cfg) =>
      go(s, 'refused', { lastOutcome: 'authorize-timeout' }, view('refused', { reason: 'authorize-timeout' }), { type: 'start-timer', timer: 'reset', ms: cfg.resetViewMs }),
  },

  starting: {
    'meter-start': (s, e, cfg) => {
      return goRunning(
        s,
        'connecting',
        { meterStartWh: e.energyWh, lastMeterWh: e.energyWh },
        { type: 'journal-open', session: { ...s.session, meterStartWh: e.energyWh, lastMeterWh: e.energyWh } },
        { type: 'link-start' },
        { type: 'start-timer', timer: 'connect', ms: cfg.connectTimeoutMs },
        view('connecting'),
      );
    },
    'meter-start-failed': (s, _e, cfg) =>
      go(s, 'refused', { lastOutcome: 'meter-unavailable' }, view('refused', { reason: 'meter-unavailable' }), { type: 'start-timer', timer: 'reset', ms: cfg.resetViewMs }),
  },

  connecting: {
    ...running,
    'vin-decided': (s, e, cfg) => {
      const session = s.session;
      const d = e.decision;
      const data = {
        vin: d.vin?.vin ?? null,
        vinStatus: d.vin?.status ?? 'absent',
        registered: d.vin?.registered ?? false,
        plate: d.vin?.plate ?? null,
        verdict: d.verdict,
        reason: d.reason,
        mode: d.mode,
        payer: d.payer,
        attribution: d.attribution,
      };
      const journal = { type: 'journal', sessionId: session.sessionId, kind: 'vin', data } as const;
      if (d.verdict === 'allow') return stay(withSession(s, { decision: d }), journal, { type: 'answer-vin', decision: { allow: true } });
      // Modes 3 and 4 (docs/charging-modes.md rule 4): refused at BRM, before CRM 0xAA, so no contactor closes.
      return goRunning(
        s,
        'stopping',
        { stopReason: 'vin-refused', stopDetail: d.reason },
        journal,
        { type: 'journal', sessionId: session.sessionId, kind: 'stop-requested', data: { reason: 'vin-refused', detail: d.reason, source: 'pile' } },
        { type: 'answer-vin', decision: { allow: false, reason: d.reason } },
        { type: 'cancel-timer', timer: 'connect' },
        { type: 'start-timer', timer: 'stop', ms: cfg.stopTimeoutMs },
        view('stopping', { reason: d.reason }),
      );
    },
    'charging-started': (s, _e, cfg) => {
      const session = s.session;
      // Belt and braces: modes 3/4 must never charge without the VIN stage's allow.
      if (session.decision.vinRequired && session.decision.stage !== 'vin') return requestStop(s, 'fault', 'charging-without-vin-decision', 'emergency', cfg);
      return goRunning(
        s,
        'charging',
        { charged: true },
        { type: 'cancel-timer', timer: 'connect' },
        { type: 'journal', sessionId: session.sessionId, kind: 'charging', data: { meterStartWh: session.meterStartWh } },
        { type: 'sampler-start' },
        view('charging', { energyWh: 0 }),
      );
    },
    'timeout:connect': (s, _e, cfg) => requestStop(s, 'other', 'connect-timeout', 'condition', cfg),
  },

  charging: {
    ...running,
    'meter-sample': (s, e) => {
      const session = s.session;
      return stay(
        withSession(s, { lastMeterWh: e.energyWh }),
        { type: 'journal', sessionId: session.sessionId, kind: 'meter', data: { energyWh: e.energyWh, powerW: e.powerW } },
        view('charging', { energyWh: e.energyWh - (session.meterStartWh ?? e.energyWh) }),
      );
    },
    'link-stopping': (s, _e, cfg) => {
      const session = s.session;
      return goRunning(
        s,
        'stopping',
        {},
        { type: 'journal', sessionId: session.sessionId, kind: 'stop-requested', data: { reason: null, detail: 'bms', source: 'bms' } },
        { type: 'start-timer', timer: 'stop', ms: cfg.stopTimeoutMs },
        view('stopping'),
      );
    },
  },

  stopping: {
    'link-ended': (s, e) => (s.session.linkEnded ? null : linkDone(s, e.outcome, e.reason)),
    'timeout:stop': (s) => linkDone(s, 'failed', 'link-did-not-end'),
    'meter-sample': (s, e) => stay(withSession(s, { lastMeterWh: e.energyWh }), { type: 'journal', sessionId: s.session.sessionId, kind: 'meter', data: { energyWh: e.energyWh, powerW: e.powerW } }),
    'meter-stop': (s, e, cfg) => (s.session.linkEnded ? closeSession(s, e.energyWh, cfg) : null),
  },
};

function faultStep(s: ConnectorState, e: EventOf<'fault'>, cfg: SessionMachineConfig): SessionStep {
  const faults = e.active ? [...new Set([...s.faults, e.code])] : s.faults.filter((f) => f !== e.code);
  const next = { ...s, faults };
  if (s.phase === 'idle' && faults.length) return go(next, 'faulted', {}, view('faulted', { reason: faults[0] }));
  if (s.phase === 'faulted' && !faults.length) return go(next, 'idle', {}, view('idle'));
  if (e.active && (next.phase === 'connecting' || next.phase === 'charging')) return requestStop(next, 'fault', e.code, 'fault', cfg);
  return stay(next);
}

export interface SessionMachine {
  readonly initial: ConnectorState;
  transition(s: ConnectorState, e: SessionEvent): SessionStep;
}

/** Unhandled (phase, event) pairs change nothing: a late timer or a stray report is harmless. */
export function createSessionMachine(cfg: SessionMachineConfig): SessionMachine {
  return {
    initial: SESSION_IDLE,
    transition(s, e) {
      if (e.type === 'fault') return faultStep(s, e, cfg);
      if (e.type === 'timeout:keypad') return stay({ ...s, keypad: keypadUnlock() }, view(s.phase));
      // The table of s.phase holds handlers of that phase's state: looked up by s.phase, they fit s.
      const handler = TABLE[s.phase][e.type] as AnyHandler | undefined;
      if (!handler) return stay(s);
      return handler(s, e, cfg) ?? stay(s);
    },
  };
}
