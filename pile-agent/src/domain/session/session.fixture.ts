// Test data for the session machine and its runner (house rule R13): decisions valid by default
// for each mode, states in each phase, and a compact projection of effects for table tests.
import type { AuthDecision } from '../authorization/authorize.types.js';
import { SESSION_IDLE } from './charging-session.machine.js';
import type { ConnectorCommon, ConnectorState, RunningSession, SessionEffect, SessionMachineConfig } from './session.types.js';
import { isSessionful } from './session-steps.js';

export const TEST_SESSION_CONFIG: SessionMachineConfig = {
  authorizeTimeoutMs: 10_000,
  connectTimeoutMs: 120_000,
  stopTimeoutMs: 30_000,
  resetViewMs: 15_000,
  keypad: { maxFailures: 5, lockMs: 300_000 },
};

const credential = { kind: 'card', cardNo: '04A1B2C3', memberId: 'M1', departmentId: 'D1', fixedPasswordId: null } as const;

/** An allowed credential-stage decision; mode 2 card by default. */
export function anAllowedDecision(o: Partial<AuthDecision> = {}): AuthDecision {
  return {
    verdict: 'allow',
    stage: 'credential',
    reason: 'ok',
    mode: 2,
    credential,
    payer: { kind: 'department', departmentId: 'D1' },
    attribution: { kind: 'department', departmentId: 'D1' },
    stopBy: [{ kind: 'card', cardNo: '04A1B2C3' }],
    vinRequired: false,
    vin: null,
    ...o,
  };
}

export const MODE4_START = anAllowedDecision({
  mode: 4,
  vinRequired: true,
  payer: null,
  attribution: null,
  stopBy: [],
  credential: { kind: 'vin-button', cardNo: null, memberId: null, departmentId: null, fixedPasswordId: null },
});

export const MODE4_ALLOWED = anAllowedDecision({
  ...MODE4_START,
  stage: 'vin',
  payer: { kind: 'department', departmentId: 'D1' },
  attribution: { kind: 'department', departmentId: 'D1' },
  stopBy: [{ kind: 'stop-password', departmentId: 'D1', hash: 'scrypt$h', passwordVersion: 3 }],
  vin: { vin: 'LZYTBGBW1LA000001', status: 'valid', registered: true, plate: '沪A32567' },
});

export const MODE4_REFUSED: AuthDecision = {
  ...MODE4_START,
  verdict: 'refuse',
  stage: 'vin',
  reason: 'vin-unregistered',
  vin: { vin: 'LZYTBGBW1LA000009', status: 'valid', registered: false, plate: null },
};

export const MODE1_PASSWORD = anAllowedDecision({
  mode: 1,
  stopBy: [{ kind: 'fixed-password' }],
  payer: { kind: 'member', memberId: 'M-ADMIN', memberName: '站点通卡A' },
  attribution: { kind: 'by-cloud', hintDepartmentId: null },
  credential: { kind: 'fixed-password', cardNo: null, memberId: 'M-ADMIN', departmentId: null, fixedPasswordId: 'FP1' },
});

export function aRunningSession(o: Partial<RunningSession> = {}): RunningSession {
  return {
    sessionId: 'S1',
    startedAtMs: 1_000,
    decision: anAllowedDecision(),
    meterStartWh: 5_000,
    lastMeterWh: 5_000,
    stopReason: null,
    stopDetail: null,
    linkEnded: false,
    charged: false,
    ...o,
  };
}

/** A state in `phase`: with a running session (built from `session`) exactly where the phase records one. */
export function inPhase(phase: ConnectorState['phase'], session: Partial<RunningSession> | null = {}, o: Partial<ConnectorCommon> = {}): ConnectorState {
  const common = { keypad: SESSION_IDLE.keypad, faults: SESSION_IDLE.faults, lastOutcome: SESSION_IDLE.lastOutcome, ...o };
  return isSessionful(phase) ? { ...common, phase, session: aRunningSession(session ?? {}) } : { ...common, phase, session: null };
}

/** `type` plus the one field a table row cares about (timer name, journal kind, view screen…). */
export function brief(fx: SessionEffect): string {
  switch (fx.type) {
    case 'start-timer':
    case 'cancel-timer':
      return `${fx.type}:${fx.timer}`;
    case 'journal':
      return `journal:${fx.kind}`;
    case 'view':
      return `view:${fx.view.screen}${fx.view.reason ? `(${fx.view.reason})` : ''}`;
    case 'answer-vin':
      return `answer-vin:${fx.decision.allow ? 'allow' : `refuse(${fx.decision.reason})`}`;
    case 'link-stop':
      return `link-stop:${fx.cause}`;
    case 'journal-close':
      return `journal-close:${fx.stopReason}@${fx.meterStopWh}`;
    case 'authorize':
      return `authorize:${fx.credential.kind}`;
    default:
      return fx.type;
  }
}
