// Transition-table tests of the charger machine: one row {from, event, to, effects} per clause of
// reference §4 (exact effect lists), plus stale-timeout and terminal-phase rows.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import { describe, expect, it } from 'vitest';
import type { ChargerMessage } from '../messages/types.js';
import { cemFor, cst } from './charger-messages.js';
import { PATH, aBcl, aBcp, aBcs, aBrm, aBsm, bms, ev, machine, play } from './charger-test-kit.js';
import type { ChargerEffect, ChargerEvent, ChargerReport, Phase } from './charger-types.js';
import type { TimerName } from './charger-config.js';

const m = machine();
const crm = (recognized: boolean): ChargerMessage => ({ name: 'CRM', recognized, chargerNumber: 123456, regionCode: null, edition: '2015' });
const send = (msg: ChargerMessage, periodMs: number): ChargerEffect => ({ type: 'send-periodic', msg, periodMs });
const stop = (name: ChargerMessage['name']): ChargerEffect => ({ type: 'stop-periodic', name });
const timer = (t: TimerName, ms: number): ChargerEffect => ({ type: 'start-timer', timer: t, ms });
const cancel = (t: TimerName): ChargerEffect => ({ type: 'cancel-timer', timer: t });
const report = (r: ChargerReport): ChargerEffect => ({ type: 'report', report: r });
const phase = (from: Phase, to: Phase): ChargerEffect => report({ kind: 'phase', from, to });
const contactors = (closed: boolean, purpose: 'insulation' | 'charging'): ChargerEffect => ({ type: 'contactors', closed, purpose });
const ended = (outcome: 'stopped' | 'refused' | 'failed', reason: string): ChargerEffect[] => [
  { type: 'aux-power', on: false }, { type: 'lock', locked: false }, report({ kind: 'ended', outcome, reason }),
];
const ccs = (permitted: boolean): ChargerMessage => ({ name: 'CCS', outputVoltageDeciV: 0, outputCurrentDeciA: 0, chargingTimeMin: 0, permitted });

interface Row {
  clause: string;
  from: string | readonly ChargerEvent[];
  event: ChargerEvent;
  to: Phase;
  effects: ChargerEffect[];
  cfg?: Parameters<typeof machine>[0];
}

const ROWS: Row[] = [
  { clause: '§4.1 steps 1–3: start locks, powers aux and sends CHM every 250 ms', from: 'idle', event: ev.start, to: 'handshake',
    effects: [{ type: 'lock', locked: true }, { type: 'aux-power', on: true }, send({ name: 'CHM', version: { major: 1, minor: 1 } }, 250), timer('bhm', 5000), phase('idle', 'handshake')] },
  { clause: '§4.2 S1: BHM → insulation check at min(BHM voltage, charger max)', from: 'handshake', event: ev.bhm, to: 'insulation',
    effects: [cancel('bhm'), contactors(true, 'insulation'), { type: 'insulation-check', testVoltageDeciV: 6480 }, timer('insulation', 30000), phase('handshake', 'insulation')] },
  { clause: '§4.2 S1 / §2.6: no BHM within 5 s → 2011 fallback, CHM stops', from: 'handshake', event: ev.timeout('bhm'), to: 'insulation',
    effects: [stop('CHM'), contactors(true, 'insulation'), { type: 'insulation-check', testVoltageDeciV: 7500 }, timer('insulation', 30000), phase('handshake', 'insulation')] },
  { clause: '§4.1 step 4: insulation passed → K1/K2 open, CRM 0x00 every 250 ms', from: 'insulation', event: ev.insulationOk, to: 'identification',
    effects: [cancel('insulation'), contactors(false, 'insulation'), stop('CHM'), send(crm(false), 250), timer('brm', 5000), phase('insulation', 'identification')] },
  { clause: '§4.2 S2: insulation failed → session ends, K1/K2 open', from: 'insulation', event: { type: 'insulation-result', ok: false }, to: 'ended',
    effects: [cancel('insulation'), stop('CHM'), contactors(false, 'insulation'), ...ended('failed', 'insulation-failed'), phase('insulation', 'ended')] },
  { clause: '§4.6: first complete BRM → vin-received and ask-decision, CRM stays 0x00', from: 'identification', event: ev.brm, to: 'deciding',
    effects: [cancel('brm'), report({ kind: 'vin', vin: 'LZYTBTE65K1012345', vinStatus: 'valid', brm: aBrm() }), { type: 'ask-decision', brm: aBrm() }, timer('decision', 4000), phase('identification', 'deciding')] },
  { clause: '§4.4: allow → CRM 0xAA every 250 ms, BCP within 5 s', from: 'deciding', event: ev.allow, to: 'identified',
    effects: [cancel('decision'), report({ kind: 'decision', decision: { allow: true } }), send(crm(true), 250), timer('bcp', 5000), phase('deciding', 'identified')] },
  { clause: '§4.6 option 1: refused VIN never gets CRM 0xAA (CRM 0x00 continues)', from: 'deciding', event: ev.refuse(), to: 'refusing',
    effects: [cancel('decision'), report({ kind: 'decision', decision: { allow: false, reason: 'vin-not-authorised' } }), timer('refusal', 10000), phase('deciding', 'refusing')] },
  { clause: '§4.6 option 2: refusal with CST 01 00 F0 F0 first (configured)', from: 'deciding', event: ev.refuse(), to: 'refusing', cfg: { refusalCst: true },
    effects: [cancel('decision'), report({ kind: 'decision', decision: { allow: false, reason: 'vin-not-authorised' } }), stop('CRM'), send(cst('condition'), 10), timer('refusal-cst', 500), timer('refusal', 10000), phase('deciding', 'refusing')] },
  { clause: '§4.6 timing: no decision within 4 s is a refusal (decision-timeout)', from: 'deciding', event: ev.timeout('decision'), to: 'refusing',
    effects: [report({ kind: 'decision', decision: { allow: false, reason: 'decision-timeout' } }), timer('refusal', 10000), phase('deciding', 'refusing')] },
  { clause: '§4.6: BEM (CRM 0xAA timeout) ends a refusal: aux off, unlock, reason, no CEM', from: 'refusing', event: ev.bem, to: 'refused',
    effects: [cancel('refusal'), stop('CRM'), ...ended('refused', 'vin-not-authorised'), phase('refusing', 'refused')] },
  { clause: '§4.6: a late allow after a refusal does nothing', from: 'refusing', event: ev.allow, to: 'refusing', effects: [] },
  { clause: '§4.6: BEM while still deciding → refused, decision-timeout', from: 'deciding', event: ev.bem, to: 'refused',
    effects: [cancel('decision'), report({ kind: 'decision', decision: { allow: false, reason: 'decision-timeout' } }), stop('CRM'), ...ended('refused', 'decision-timeout'), phase('deciding', 'refused')] },
  { clause: '§2.2: a VIN that changes between repeated BRMs ends the session', from: 'deciding', event: bms(aBrm({ vin: 'LZYTBTE67K1012346' })), to: 'ended',
    effects: [cancel('decision'), stop('CRM'), ...ended('failed', 'vin-changed'), phase('deciding', 'ended')] },
  { clause: '§2.2: the same VIN repeated while deciding is quiet', from: 'deciding', event: ev.brm, to: 'deciding', effects: [] },
  { clause: '§4.2 S3: no BRM within 5 s → CEM FD F0 C0 FC every 250 ms', from: 'identification', event: ev.timeout('brm'), to: 'error',
    effects: [stop('CRM'), send(cemFor('brm')!, 250), report({ kind: 'comm-error', reason: 'timeout:brm', cem: cemFor('brm'), recoveries: 0 }), timer('cem', 5000), phase('identification', 'error')] },
  { clause: '§4.5: after the CEM hold, identification restarts (CRM 0x00)', from: 'error', event: ev.timeout('cem'), to: 'identification',
    effects: [stop('CEM'), send(crm(false), 250), timer('brm', 5000), phase('error', 'identification')] },
  { clause: '§4.2 S4: BCP → CRM stops, CTS every 500 ms, CML every 250 ms', from: 'identified', event: ev.bcp, to: 'parameters',
    effects: [cancel('bcp'), stop('CRM'), report({ kind: 'parameters', bcp: aBcp() }), send({ name: 'CTS', time: null }, 500),
      send({ name: 'CML', maxOutputVoltageDeciV: 7500, minOutputVoltageDeciV: 2000, maxOutputCurrentDeciA: 2500, minOutputCurrentDeciA: 0 }, 250),
      timer('bro', 5000), timer('bro-aa', 60000), phase('identified', 'parameters')] },
  { clause: '§4.2 S4: no BCP within 5 s → CEM (BCP)', from: 'identified', event: ev.timeout('bcp'), to: 'error',
    effects: [stop('CRM'), send(cemFor('bcp')!, 250), report({ kind: 'comm-error', reason: 'timeout:bcp', cem: cemFor('bcp'), recoveries: 0 }), timer('cem', 5000), phase('identified', 'error')] },
  { clause: '§4.2 S5: BRO 0xAA → CRO 0x00 and pre-charge requested; K1/K2 still open', from: 'parameters', event: ev.broReady, to: 'output-prep',
    effects: [cancel('bro'), cancel('bro-aa'), stop('CTS'), stop('CML'), send({ name: 'CRO', status: 'not-ready' }, 250),
      { type: 'prepare-output', batteryVoltageDeciV: 5904, maxVoltageDeciV: 6480 }, timer('precharge', 30000), phase('parameters', 'output-prep')] },
  { clause: '§4.2 S5: BRO 0x00 cancels the 5 s BRO timer, the 60 s BRO 0xAA timer keeps running', from: 'parameters', event: bms({ name: 'BRO', status: 'not-ready' }), to: 'parameters',
    effects: [cancel('bro')] },
  { clause: '§4.1 step 7: pre-charge done → K1/K2 close for charging, CRO 0xAA', from: 'output-prep', event: ev.prechargeOk, to: 'output-prep',
    effects: [cancel('precharge'), contactors(true, 'charging'), send({ name: 'CRO', status: 'ready' }, 250), timer('bcl', 1000), timer('bcs', 5000)] },
  { clause: '§4.2 S6: BCL and BCS after CRO 0xAA → charging, CCS every 50 ms', from: [...PATH['output-ready'], ev.bcl], event: ev.bcs, to: 'charging',
    effects: [report({ kind: 'measurement', msg: aBcs() }), timer('bcs', 5000), stop('CRO'), send(ccs(true), 50), phase('output-prep', 'charging')] },
  { clause: '§2.4: BCL demand capped by CML and BCP sets the output', from: 'charging', event: bms(aBcl({ currentDemandDeciA: 3000 })), to: 'charging',
    effects: [report({ kind: 'measurement', msg: aBcl({ currentDemandDeciA: 3000 }) }), timer('bcl', 1000), { type: 'output-set', voltageDeciV: 6480, currentDeciA: 2500 }] },
  { clause: '§4.2 S7: no BCL for 1 s → output off, K1/K2 open, CEM (BCL)', from: 'charging', event: ev.timeout('bcl'), to: 'error',
    effects: [cancel('bcs'), stop('CCS'), { type: 'output-off' }, contactors(false, 'charging'), send(cemFor('bcl')!, 250),
      report({ kind: 'comm-error', reason: 'timeout:bcl', cem: cemFor('bcl'), recoveries: 0 }), timer('cem', 5000), phase('charging', 'error')] },
  { clause: '§2.4: BSM charging-permitted 00 → pause, CCS permitted = false', from: 'charging', event: bms(aBsm({ chargingPermitted: 0 })), to: 'charging',
    effects: [report({ kind: 'measurement', msg: aBsm({ chargingPermitted: 0 }) }), timer('pause', 600000), { type: 'output-set', voltageDeciV: 6480, currentDeciA: 0 }, { type: 'update-periodic', msg: ccs(false) }] },
  { clause: '§2.4: BSM with an abnormal status → charger-initiated fault stop', from: 'charging', event: bms(aBsm({ insulation: 1 })), to: 'stopping',
    effects: [report({ kind: 'measurement', msg: aBsm({ insulation: 1 }) }), { type: 'output-ramp-down' }, cancel('bcl'), cancel('bcs'), stop('CCS'), send(cst('fault'), 10), timer('bst', 5000), timer('bsd', 10000), phase('charging', 'stopping')] },
  { clause: '§4.7 BMS-initiated: BST → output off at once, CST 40 00 F0 F0', from: 'charging', event: ev.bst, to: 'stopping',
    effects: [{ type: 'output-off' }, cancel('bcl'), cancel('bcs'), stop('CCS'), send(cst('bms'), 10), timer('bsd', 10000), phase('charging', 'stopping')] },
  { clause: '§4.7 charger-initiated: ramp down, CST 04 00 F0 F0 every 10 ms, BST ≤ 5 s, BSD ≤ 10 s', from: 'charging', event: ev.stop('manual'), to: 'stopping',
    effects: [{ type: 'output-ramp-down' }, cancel('bcl'), cancel('bcs'), stop('CCS'), send(cst('manual'), 10), timer('bst', 5000), timer('bsd', 10000), phase('charging', 'stopping')] },
  { clause: '§4.7 step 3: no BST within 5 s → CEM (BST), CST continues', from: 'stopping', event: ev.timeout('bst'), to: 'stopping',
    effects: [send(cemFor('bst')!, 250)] },
  { clause: '§4.7 step 5: BSD → CST stops, output off, K1/K2 open, CSD every 250 ms', from: [...PATH.stopping, ev.bst], event: ev.bsd, to: 'statistics',
    effects: [cancel('bsd'), stop('CST'), { type: 'output-off' }, contactors(false, 'charging'), send({ name: 'CSD', chargingTimeMin: 0, energyDeciKwh: 0, chargerNumber: 123456 }, 250), timer('csd', 2500), phase('stopping', 'statistics')] },
  { clause: '§4.7 step 5: after CSD, aux off and unlock, ended reported', from: 'statistics', event: ev.timeout('csd'), to: 'ended',
    effects: [stop('CSD'), ...ended('stopped', 'local-stop:operator'), phase('statistics', 'ended')] },
  { clause: 'timers: a timeout of a timer that is not running is stale and ignored', from: 'identified', event: ev.timeout('brm'), to: 'identified', effects: [] },
  { clause: 'terminal: ended ignores every event', from: [...PATH.refusing, ev.bem], event: ev.allow, to: 'refused', effects: [] },
];

describe('charger machine transition table (GB/T 27930-2015 §4)', () => {
  it.each(ROWS)('$clause', (row) => {
    const mm = row.cfg ? machine(row.cfg) : m;
    const path = typeof row.from === 'string' ? PATH[row.from] : row.from;
    const before = play(mm, path).state;
    const r = mm.transition(before, row.event);
    expect(r.next.phase).toBe(row.to);
    expect(r.effects).toEqual(row.effects);
  });
});
