// The session machine as tables of {from, event, to, effects} (house rule R8): starts per credential,
// the VIN decision at BRM (modes 3/4 refuse before CRM 0xAA, docs/charging-modes.md rule 4), charging, every stop
// path, the meter stop and close, faults. Effects are projected with `brief` so each row reads as a
// sentence; journal writes must come before the action they guard.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import { describe, expect, it } from 'vitest';
import type { AuthDecision } from '../authorization/authorize.types.js';
import { createSessionMachine, SESSION_IDLE } from './charging-session.machine.js';
import {
  anAllowedDecision, brief, inPhase, MODE1_PASSWORD, MODE4_ALLOWED, MODE4_REFUSED, MODE4_START, TEST_SESSION_CONFIG,
} from './session.fixture.js';
import type { ConnectorState, SessionEvent } from './session.types.js';

const machine = createSessionMachine(TEST_SESSION_CONFIG);

interface Row {
  readonly name: string;
  readonly from: ConnectorState;
  readonly event: SessionEvent;
  readonly to: ConnectorState['phase'];
  readonly effects: readonly string[];
}

const refusedDecision = (reason: AuthDecision['reason']): AuthDecision => ({ ...anAllowedDecision(), verdict: 'refuse', reason });

const rows: Row[] = [
  // ---- credentials -----------------------------------------------------------------------
  { name: 'card in idle → authorize', from: SESSION_IDLE, event: { type: 'card', cardNo: '04A1B2C3' }, to: 'authorizing',
    effects: ['cancel-timer:reset', 'authorize:card', 'start-timer:authorize', 'view:authorizing'] },
  { name: 'fixed password in idle → authorize', from: SESSION_IDLE, event: { type: 'password', password: '1234' }, to: 'authorizing',
    effects: ['cancel-timer:reset', 'authorize:fixed-password', 'start-timer:authorize', 'view:authorizing'] },
  { name: 'VIN button in idle → authorize', from: SESSION_IDLE, event: { type: 'vin-button' }, to: 'authorizing',
    effects: ['cancel-timer:reset', 'authorize:vin-button', 'start-timer:authorize', 'view:authorizing'] },
  { name: 'remote start in idle → authorize', from: SESSION_IDLE, event: { type: 'remote-start', cardNo: '04A1B2C3' }, to: 'authorizing',
    effects: ['cancel-timer:reset', 'authorize:remote', 'start-timer:authorize', 'view:authorizing'] },
  { name: 'card on the finished screen starts the next session', from: inPhase('finished', null), event: { type: 'card', cardNo: 'X001' }, to: 'authorizing',
    effects: ['cancel-timer:reset', 'authorize:card', 'start-timer:authorize', 'view:authorizing'] },
  { name: 'card while authorizing is ignored', from: inPhase('authorizing', null), event: { type: 'card', cardNo: 'X001' }, to: 'authorizing', effects: [] },
  { name: 'card on a faulted connector → stays faulted', from: inPhase('faulted', null, { faults: ['meter.comm-loss'] }), event: { type: 'card', cardNo: 'X001' }, to: 'faulted', effects: [] },
  { name: 'allowed → meter start first', from: inPhase('authorizing', null), event: { type: 'credential-decided', decision: anAllowedDecision(), sessionId: 'S1', atMs: 5 }, to: 'starting',
    effects: ['cancel-timer:authorize', 'read-meter-start', 'view:starting'] },
  { name: 'refused card → refused, no journal', from: inPhase('authorizing', null), event: { type: 'credential-decided', decision: refusedDecision('department-not-bound'), sessionId: 'S1', atMs: 5 }, to: 'refused',
    effects: ['cancel-timer:authorize', 'view:refused(department-not-bound)', 'start-timer:reset'] },
  { name: 'unknown card while online (ask-cloud) stays refused without a cloud link', from: inPhase('authorizing', null), event: { type: 'credential-decided', decision: { ...refusedDecision('card-unknown'), verdict: 'ask-cloud' }, sessionId: 'S1', atMs: 5 }, to: 'refused',
    effects: ['cancel-timer:authorize', 'view:refused(card-unknown)', 'start-timer:reset'] },
  { name: 'authorize timeout → refused', from: inPhase('authorizing', null), event: { type: 'timeout:authorize' }, to: 'refused', effects: ['view:refused(authorize-timeout)', 'start-timer:reset'] },
  { name: 'meter start → journal opened BEFORE the link starts', from: inPhase('starting', { meterStartWh: null }), event: { type: 'meter-start', energyWh: 7_000 }, to: 'connecting',
    effects: ['journal-open', 'link-start', 'start-timer:connect', 'view:connecting'] },
  { name: 'meter unreadable at start → refused, no journal, no link', from: inPhase('starting', { meterStartWh: null }), event: { type: 'meter-start-failed', reason: 'timeout' }, to: 'refused',
    effects: ['view:refused(meter-unavailable)', 'start-timer:reset'] },
  // ---- the VIN decision at BRM (reference §4.6) ------------------------------------------
  { name: 'mode 4 VIN allowed → journal VIN, then answer allow', from: inPhase('connecting', { decision: MODE4_START }), event: { type: 'vin-decided', decision: MODE4_ALLOWED }, to: 'connecting',
    effects: ['journal:vin', 'answer-vin:allow'] },
  { name: 'mode 4 VIN refused → journal, answer refuse before CRM 0xAA, stopping', from: inPhase('connecting', { decision: MODE4_START }), event: { type: 'vin-decided', decision: MODE4_REFUSED }, to: 'stopping',
    effects: ['journal:vin', 'journal:stop-requested', 'answer-vin:refuse(vin-unregistered)', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(vin-unregistered)'] },
  { name: 'K1/K2 closed → journal charging, sampler on', from: inPhase('connecting'), event: { type: 'charging-started' }, to: 'charging',
    effects: ['cancel-timer:connect', 'journal:charging', 'sampler-start', 'view:charging'] },
  { name: 'K1/K2 closed in mode 4 without a VIN allow → emergency stop', from: inPhase('connecting', { decision: MODE4_START }), event: { type: 'charging-started' }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:emergency', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(fault)'] },
  { name: 'connect timeout → stop', from: inPhase('connecting'), event: { type: 'timeout:connect' }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:condition', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(other)'] },
  { name: 'link ends while connecting (BMS gone) → meter stop', from: inPhase('connecting'), event: { type: 'link-ended', outcome: 'failed', reason: 'bms-error' }, to: 'stopping',
    effects: ['cancel-timer:stop', 'cancel-timer:connect', 'read-meter-stop'] },
  // ---- charging and stops ----------------------------------------------------------------
  { name: 'meter sample → journal', from: inPhase('charging'), event: { type: 'meter-sample', energyWh: 5_250, powerW: 60_000, atMs: 9 }, to: 'charging', effects: ['journal:meter', 'view:charging'] },
  { name: 'the same card stops it', from: inPhase('charging'), event: { type: 'card', cardNo: '04A1B2C3' }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:manual', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(user-card)'] },
  { name: 'another card does not stop it', from: inPhase('charging'), event: { type: 'card', cardNo: 'FFFF0000' }, to: 'charging', effects: ['view:charging(card-not-for-this-session)'] },
  { name: 'password in a card session counts as wrong', from: inPhase('charging'), event: { type: 'password', password: '1' }, to: 'charging', effects: ['view:charging(password-wrong)'] },
  { name: 'password in a mode 4 session → check against the snapshot', from: inPhase('charging', { decision: MODE4_ALLOWED }), event: { type: 'password', password: '8888' }, to: 'charging', effects: ['check-stop-password'] },
  { name: 'snapshot password verified → stop', from: inPhase('charging', { decision: MODE4_ALLOWED }), event: { type: 'stop-password-checked', fixed: false, stop: true }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:manual', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(stop-password)'] },
  { name: 'fixed password does not stop a mode 4 session', from: inPhase('charging', { decision: MODE4_ALLOWED }), event: { type: 'stop-password-checked', fixed: true, stop: false }, to: 'charging', effects: ['view:charging(password-wrong)'] },
  { name: 'fixed password stops a mode 1 password session', from: inPhase('charging', { decision: MODE1_PASSWORD }), event: { type: 'stop-password-checked', fixed: true, stop: false }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:manual', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(fixed-password)'] },
  { name: 'remote stop', from: inPhase('charging'), event: { type: 'remote-stop' }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:manual', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(remote)'] },
  { name: 'meter fault while charging → fault stop', from: inPhase('charging'), event: { type: 'fault', code: 'meter.comm-loss', active: true }, to: 'stopping',
    effects: ['journal:stop-requested', 'link-stop:fault', 'cancel-timer:connect', 'start-timer:stop', 'view:stopping(fault)'] },
  { name: 'BMS stop (BST → S8) → journal the BMS stop request', from: inPhase('charging'), event: { type: 'link-stopping' }, to: 'stopping',
    effects: ['journal:stop-requested', 'start-timer:stop', 'view:stopping'] },
  { name: 'a second stop while stopping changes nothing', from: inPhase('stopping', { stopReason: 'user-card' }), event: { type: 'remote-stop' }, to: 'stopping', effects: [] },
  { name: 'link ended → meter stop', from: inPhase('stopping', { stopReason: 'user-card' }), event: { type: 'link-ended', outcome: 'stopped', reason: 'local-stop:card' }, to: 'stopping',
    effects: ['cancel-timer:stop', 'cancel-timer:connect', 'read-meter-stop'] },
  { name: 'link never ends → meter stop anyway', from: inPhase('stopping', { stopReason: 'user-card' }), event: { type: 'timeout:stop' }, to: 'stopping',
    effects: ['cancel-timer:stop', 'cancel-timer:connect', 'read-meter-stop'] },
  { name: 'meter stop → journal close, then the summary', from: inPhase('stopping', { stopReason: 'user-card', linkEnded: true }), event: { type: 'meter-stop', energyWh: 6_200 }, to: 'finished',
    effects: ['sampler-stop', 'journal-close:user-card@6200', 'view:finished(user-card)', 'start-timer:reset'] },
  { name: 'meter unreadable at stop → the last sample', from: inPhase('stopping', { stopReason: 'bms-full', linkEnded: true, lastMeterWh: 5_900 }), event: { type: 'meter-stop', energyWh: null }, to: 'finished',
    effects: ['sampler-stop', 'journal-close:bms-full@5900', 'view:finished(bms-full)', 'start-timer:reset'] },
  { name: 'meter stop before the link ended is ignored', from: inPhase('stopping', { stopReason: 'user-card' }), event: { type: 'meter-stop', energyWh: 6_200 }, to: 'stopping', effects: [] },
  { name: 'summary times out → idle', from: inPhase('finished', null), event: { type: 'timeout:reset' }, to: 'idle', effects: ['view:idle'] },
  // ---- faults on an idle connector --------------------------------------------------------
  { name: 'fault in idle → faulted', from: SESSION_IDLE, event: { type: 'fault', code: 'meter.comm-loss', active: true }, to: 'faulted', effects: ['view:faulted(meter.comm-loss)'] },
  { name: 'fault cleared → idle', from: inPhase('faulted', null, { faults: ['meter.comm-loss'] }), event: { type: 'fault', code: 'meter.comm-loss', active: false }, to: 'idle', effects: ['view:idle'] },
  { name: 'late timer in idle changes nothing', from: SESSION_IDLE, event: { type: 'timeout:stop' }, to: 'idle', effects: [] },
];

describe('charging-session machine: {from, event, to, effects}', () => {
  it.each(rows)('$name', ({ from, event, to, effects }) => {
    const { next, effects: fx } = machine.transition(from, event);
    expect(next.phase).toBe(to);
    expect(fx.map(brief)).toEqual(effects);
  });
});

describe('charging-session machine: recorded values', () => {
  it('journal-open carries the meter start, the decision and the session id', () => {
    const { effects } = machine.transition(inPhase('starting', { meterStartWh: null }), { type: 'meter-start', energyWh: 7_000 });
    const open = effects.find((e) => e.type === 'journal-open');
    expect(open).toMatchObject({ session: { sessionId: 'S1', meterStartWh: 7_000, decision: { mode: 2 } } });
  });

  it('the VIN stage decision replaces the credential stage one (payer and snapshot of mode 4)', () => {
    const { next } = machine.transition(inPhase('connecting', { decision: MODE4_START }), { type: 'vin-decided', decision: MODE4_ALLOWED });
    expect(next.session!.decision.stopBy).toEqual(MODE4_ALLOWED.stopBy);
    expect(next.session!.decision.payer).toEqual({ kind: 'department', departmentId: 'D1' });
  });

  it('a BMS stop ends as bms-full when the BST says SOC target reached', () => {
    let s = machine.transition(inPhase('charging'), { type: 'link-stopping' }).next;
    s = machine.transition(s, { type: 'link-ended', outcome: 'stopped', reason: 'bms-stop:socTargetReached' }).next;
    const close = machine.transition(s, { type: 'meter-stop', energyWh: 9_000 }).effects.find((e) => e.type === 'journal-close');
    expect(close).toMatchObject({ stopReason: 'bms-full', meterStopWh: 9_000, detail: 'bms-stop:socTargetReached' });
  });

  it('a meter stop below the meter start is clamped to the start (no negative energy)', () => {
    const s = inPhase('stopping', { stopReason: 'remote', linkEnded: true, meterStartWh: 5_000 });
    const close = machine.transition(s, { type: 'meter-stop', energyWh: 4_000 }).effects.find((e) => e.type === 'journal-close');
    expect(close).toMatchObject({ meterStopWh: 5_000 });
  });

  it('a refused VIN session closes as vin-refused from the meter start', () => {
    let s = machine.transition(inPhase('connecting', { decision: MODE4_START }), { type: 'vin-decided', decision: MODE4_REFUSED }).next;
    s = machine.transition(s, { type: 'link-ended', outcome: 'refused', reason: 'vin-unregistered' }).next;
    const close = machine.transition(s, { type: 'meter-stop', energyWh: 5_000 }).effects.find((e) => e.type === 'journal-close');
    expect(close).toMatchObject({ stopReason: 'vin-refused', detail: 'vin-unregistered', meterStopWh: 5_000 });
  });
});
