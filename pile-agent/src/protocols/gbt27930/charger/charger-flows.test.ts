// Whole-session flows through the charger machine, one per reference vector or clause (§7.1 A,
// §7.2 B, §7.3 C, §4.5 recovery, §2.4 pause, §4.7 stop timeouts): the order of safety-relevant
// effects across many transitions, and how each session ends.
import { describe, expect, it } from 'vitest';
import { PATH, aBrm, aBsm, bms, ev, machine, play } from './charger-test-kit.js';
import type { ChargerEffect, ChargerEvent } from './charger-types.js';

const m = machine();
const indexOf = (fx: ChargerEffect[], pred: (e: ChargerEffect) => boolean): number => fx.findIndex(pred);
const isAllow = (e: ChargerEffect) => e.type === 'report' && e.report.kind === 'decision' && e.report.decision.allow;
const isChargingClose = (e: ChargerEffect) => e.type === 'contactors' && e.closed && e.purpose === 'charging';
const isCrmAA = (e: ChargerEffect) => e.type === 'send-periodic' && e.msg.name === 'CRM' && e.msg.recognized;
const isCroAA = (e: ChargerEffect) => e.type === 'send-periodic' && e.msg.name === 'CRO' && e.msg.status === 'ready';
const endedOf = (fx: ChargerEffect[]) => fx.flatMap((e) => (e.type === 'report' && e.report.kind === 'ended' ? [e.report] : []));

describe('charger flows (GB/T 27930-2015 §7 vectors)', () => {
  it('§7.1 vector A: allowed VIN reaches charging; K1/K2 charging close after the allow; BST → BSD → CSD → end', () => {
    const events: ChargerEvent[] = [...PATH.charging, bms(aBsm()), ev.bst, ev.bsd, ev.timeout('csd')];
    const { state, effects } = play(m, events);
    const allow = indexOf(effects, isAllow);
    const crmAA = indexOf(effects, isCrmAA);
    const close = indexOf(effects, isChargingClose);
    const croAA = indexOf(effects, isCroAA);
    expect(allow).toBeGreaterThan(-1);
    expect(crmAA).toBeGreaterThan(allow);
    expect(close).toBeGreaterThan(crmAA);
    expect(croAA).toBeGreaterThan(close);
    expect(state.phase).toBe('ended');
    expect(endedOf(effects)).toEqual([{ kind: 'ended', outcome: 'stopped', reason: 'bms-stop:socTargetReached' }]);
    expect(state).toMatchObject({ sending: [], timers: [], contactors: 'open', outputOn: false });
  });

  it('§7.3 vector C: refused VIN — CRM stays 0x00, no CML/CRO, K1/K2 only for insulation, BEM ends it', () => {
    const { state, effects } = play(m, [...PATH.deciding, ev.refuse('vin-not-on-allow-list'), ev.brm, ev.brm, ev.bem]);
    expect(effects.some(isCrmAA)).toBe(false);
    expect(effects.some((e) => e.type === 'send-periodic' && (e.msg.name === 'CML' || e.msg.name === 'CRO'))).toBe(false);
    expect(effects.filter((e) => e.type === 'contactors').map((e) => e.type === 'contactors' && e.purpose)).toEqual(['insulation', 'insulation']);
    expect(effects.some((e) => e.type === 'send-periodic' && e.msg.name === 'CEM')).toBe(false);
    expect(state.phase).toBe('refused');
    expect(endedOf(effects)).toEqual([{ kind: 'ended', outcome: 'refused', reason: 'vin-not-on-allow-list' }]);
  });

  it('§4.6: refusal without BEM ends after the refusal wait, no retry', () => {
    const { state, effects } = play(m, [...PATH.refusing, ev.timeout('refusal'), ev.start, ev.brm]);
    expect(state.phase).toBe('refused');
    expect(effects.filter((e) => e.type === 'send-periodic' && e.msg.name === 'CRM')).toHaveLength(1);
  });

  it('§7.2 vector B: no BHM → 2011 fallback, VIN absent reported, allowed by policy, charges', () => {
    const absent = aBrm({ length: 41, edition: '2011', version: { major: 1, minor: 0 }, vin: null, vinStatus: 'absent', softwareVersion: null });
    const { state, effects } = play(m, [ev.start, ev.timeout('bhm'), ev.insulationOk, bms(absent), ev.allow, ev.bcp, ev.broReady, ev.prechargeOk, ev.bcl, ev.bcs]);
    expect(state.bmsEdition).toBe('2011');
    expect(effects).toContainEqual({ type: 'report', report: { kind: 'vin', vin: null, vinStatus: 'absent', brm: absent } });
    expect(state.phase).toBe('charging');
  });

  it('§4.5: identification restarts 3 times after timeouts, then the session ends', () => {
    const cycle = [ev.timeout('brm'), ev.timeout('cem')];
    const { state, effects } = play(m, [...PATH.identification, ...cycle, ...cycle, ...cycle, ...cycle]);
    expect(state.phase).toBe('ended');
    expect(state.recoveries).toBe(3);
    expect(effects.filter((e) => e.type === 'send-periodic' && e.msg.name === 'CRM')).toHaveLength(4);
    expect(endedOf(effects)).toEqual([{ kind: 'ended', outcome: 'failed', reason: 'timeout:brm' }]);
  });

  it('§4.5: recovery after an allow recognises the same VIN without a new decision', () => {
    const { state, effects } = play(m, [...PATH.charging, ev.timeout('bcl'), ev.timeout('cem'), ev.brm]);
    expect(state.phase).toBe('identified');
    expect(effects.filter((e) => e.type === 'ask-decision')).toHaveLength(1);
  });

  it('§2.2: recovery with another VIN ends the session (vin-changed)', () => {
    const other = bms(aBrm({ vin: 'LZYTBTE67K1012346' }));
    const { state, effects } = play(m, [...PATH.charging, ev.timeout('bcs'), ev.timeout('cem'), other]);
    expect(state.phase).toBe('ended');
    expect(effects.filter(isCrmAA)).toHaveLength(1);
    expect(endedOf(effects)[0]).toMatchObject({ reason: 'vin-changed' });
  });

  it('§4.4: a different VIN after CRM 0xAA stops with CST (never CRM back to 0x00)', () => {
    const { state, effects } = play(m, [...PATH.identified, bms(aBrm({ vin: 'LZYTBTE67K1012346' }))]);
    expect(state.phase).toBe('stopping');
    expect(state.end).toEqual({ outcome: 'failed', reason: 'vin-changed' });
    expect(effects.filter((e) => e.type === 'send-periodic' && e.msg.name === 'CRM' && !e.msg.recognized)).toHaveLength(1);
  });

  it('§2.4: pause then resume restores the last demand; a pause over 10 min stops the session', () => {
    const pause = bms(aBsm({ chargingPermitted: 0 }));
    const resumed = play(m, [...PATH.charging, pause, bms(aBsm())]);
    expect(resumed.effects.at(-2)).toEqual({ type: 'output-set', voltageDeciV: 6480, currentDeciA: 2000 });
    expect(resumed.state.paused).toBe(false);
    const tooLong = play(m, [...PATH.charging, pause, ev.timeout('pause')]);
    expect(tooLong.state.phase).toBe('stopping');
    expect(tooLong.state.end).toEqual({ outcome: 'stopped', reason: 'pause-too-long' });
  });

  it('§4.7 step 4: no BSD within 10 s → CEM (BSD), then the end keeps the stop reason', () => {
    const { state, effects } = play(m, [...PATH.stopping, ev.timeout('bst'), ev.timeout('bsd'), ev.timeout('cem')]);
    expect(state.phase).toBe('ended');
    expect(endedOf(effects)).toEqual([{ kind: 'ended', outcome: 'stopped', reason: 'local-stop:operator' }]);
    expect(effects.filter((e) => e.type === 'contactors' && !e.closed && e.purpose === 'charging')).toHaveLength(1);
  });

  it('§4.2 S6: pre-charge failure stops with CST before K1/K2 ever close for charging', () => {
    const { state, effects } = play(m, [...PATH['output-prep'], { type: 'precharge-done', ok: false }]);
    expect(state.phase).toBe('stopping');
    expect(effects.some(isChargingClose)).toBe(false);
    expect(effects.some(isCroAA)).toBe(false);
  });

  it('output-measured feeds CCS and CSD (energy in 0.1 kWh)', () => {
    const measured: ChargerEvent = { type: 'output-measured', voltageDeciV: 5925, currentDeciA: 1985, chargingTimeMin: 58, energyWh: 126_400 };
    const { effects } = play(m, [...PATH.charging, measured, ev.bst, ev.bsd]);
    expect(effects).toContainEqual({ type: 'update-periodic', msg: { name: 'CCS', outputVoltageDeciV: 5925, outputCurrentDeciA: 1985, chargingTimeMin: 58, permitted: true } });
    expect(effects).toContainEqual({ type: 'send-periodic', msg: { name: 'CSD', chargingTimeMin: 58, energyDeciKwh: 1264, chargerNumber: 123456 }, periodMs: 250 });
  });

  it('§2.6: a charger configured for 2011 sends no CHM and uses the 2011 CRM layout', () => {
    const m2011 = machine({ edition: '2011', chargerNumber: 7 });
    const { effects } = play(m2011, [ev.start, ev.insulationOk]);
    expect(effects.some((e) => e.type === 'send-periodic' && e.msg.name === 'CHM')).toBe(false);
    expect(effects).toContainEqual({ type: 'send-periodic', msg: { name: 'CRM', recognized: false, chargerNumber: 7, regionCode: null, edition: '2011' }, periodMs: 250 });
  });
});
