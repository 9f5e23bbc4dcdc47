// The BMS phase machine as a table of {from, event, to, effects} (house rule R8), one row per clause
// of reference §4.3 (BMS simulator obligations), §4.4 and §4.7.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import { describe, expect, it } from 'vitest';
import type { ChargerMessage } from '../../../../pile-agent/protocols.js';
import { bmsTransition } from './bms.machine.js';
import { initialBmsState, type BmsEffect, type BmsEvent, type BmsPhase, type BmsState } from './bms-machine.types.js';
import { DEFAULT_TIMING } from './bms-settings.js';

const S = (phase: BmsPhase, extra: Partial<BmsState> = {}, edition: '2011' | '2015' = '2015'): BmsState => ({
  ...initialBmsState(edition),
  phase,
  ...extra,
});
const rx = (msg: ChargerMessage): BmsEvent => ({ type: 'rx', msg });
const tmo = (name: Extract<BmsEvent, { type: 'timeout' }>['name']): BmsEvent => ({ type: 'timeout', name });
const CHM: ChargerMessage = { name: 'CHM', version: { major: 1, minor: 1 } };
const crm = (recognized: boolean): ChargerMessage => ({ name: 'CRM', recognized, chargerNumber: 123456, regionCode: null, edition: '2015' });
const CML: ChargerMessage = { name: 'CML', maxOutputVoltageDeciV: 7500, minOutputVoltageDeciV: 2000, maxOutputCurrentDeciA: 2500, minOutputCurrentDeciA: 0 };
const cro = (ready: boolean): ChargerMessage => ({ name: 'CRO', status: ready ? 'ready' : 'not-ready' });
const CCS: ChargerMessage = { name: 'CCS', outputVoltageDeciV: 5925, outputCurrentDeciA: 1985, chargingTimeMin: 12, permitted: true };
const CST: ChargerMessage = {
  name: 'CST', conditionReached: 0, manualStop: 1, faultStop: 0, bmsInitiated: 0, chargerOverTemperature: 0, connectorFault: 0,
  internalOverTemperature: 0, energyNotDeliverable: 0, emergencyStop: 0, otherFault: 0, currentMismatch: 0, voltageAbnormal: 0,
};
const CSD: ChargerMessage = { name: 'CSD', chargingTimeMin: 58, energyDeciKwh: 1264, chargerNumber: 123456 };
const CEM: ChargerMessage = { name: 'CEM', brm: 1, bcp: 0, bro: 0, bcs: 0, bcl: 0, bst: 0, bsd: 0 };

interface Row {
  readonly name: string;
  readonly from: BmsState;
  readonly event: BmsEvent;
  readonly to: BmsPhase;
  /** Effects that must be present (in this order, others may be interleaved). */
  readonly effects?: readonly BmsEffect[];
  readonly state?: Partial<BmsState>;
}

const bemEffects = [{ kind: 'start-periodic', message: 'BEM' }, { kind: 'start-timer', name: 'bem-end' }] as const;

const rows: Row[] = [
  { name: 'power-on → waiting, wake timer', from: S('off'), event: { type: 'power-on' }, to: 'waiting', effects: [{ kind: 'start-timer', name: 'wake' }] },
  { name: '§4.3 a 2015 BMS answers CHM with BHM every 250 ms', from: S('waiting'), event: rx(CHM), to: 'handshake', effects: [{ kind: 'start-periodic', message: 'BHM' }, { kind: 'start-timer', name: 'crm00' }] },
  { name: '§2.6 a 2011 BMS stays silent on CHM', from: S('waiting', {}, '2011'), event: rx(CHM), to: 'waiting', effects: [] },
  { name: '§4.3 CRM 0x00 starts BRM and the 5 s CRM 0xAA timer', from: S('handshake'), event: rx(crm(false)), to: 'identification', effects: [{ kind: 'stop-all-periodic' }, { kind: 'start-periodic', message: 'BRM' }, { kind: 'start-timer', name: 'crmAA' }] },
  { name: '§2.6 a 2011 BMS starts identification on CRM 0x00 without handshake', from: S('waiting', {}, '2011'), event: rx(crm(false)), to: 'identification', effects: [{ kind: 'start-periodic', message: 'BRM' }] },
  { name: '§4.3 no CRM within 30 s of CHM → BEM 1.1', from: S('handshake'), event: tmo('crm00'), to: 'error', state: { bem: 'crm00' }, effects: bemEffects },
  { name: '§4.3 no CRM within 60 s of wake-up → BEM 1.1', from: S('waiting'), event: tmo('wake'), to: 'error', state: { bem: 'crm00' } },
  { name: 'slow-brm: the delayed first BRM starts the CRM 0xAA timer then', from: S('identification'), event: tmo('brm-delay'), to: 'identification', effects: [{ kind: 'start-periodic', message: 'BRM' }, { kind: 'start-timer', name: 'crmAA' }] },
  { name: '§4.3 no CRM 0xAA within 5 s of the first BRM → BEM 1.3', from: S('identification'), event: tmo('crmAA'), to: 'error', state: { bem: 'crmAA' }, effects: [{ kind: 'stop-all-periodic' }, ...bemEffects] },
  { name: '§4.4 CRM 0x00 repeated in identification changes nothing', from: S('identification'), event: rx(crm(false)), to: 'identification', effects: [] },
  { name: '§4.4 CRM 0xAA stops BRM and starts BCP every 500 ms', from: S('identification'), event: rx(crm(true)), to: 'parameters', effects: [{ kind: 'stop-periodic', message: 'BRM' }, { kind: 'start-periodic', message: 'BCP' }, { kind: 'start-timer', name: 'cml' }] },
  { name: '§4.4 a BMS that left identification does not return on CRM 0x00', from: S('parameters'), event: rx(crm(false)), to: 'parameters', effects: [] },
  { name: '§4.3 no CML within 5 s → BEM 2.1', from: S('parameters'), event: tmo('cml'), to: 'error', state: { bem: 'ctsCml' } },
  { name: '§4.3 CML → BRO 0x00 while closing K5/K6', from: S('parameters'), event: rx(CML), to: 'ready', state: { broReady: false }, effects: [{ kind: 'stop-periodic', message: 'BCP' }, { kind: 'start-periodic', message: 'BRO' }, { kind: 'start-timer', name: 'bro-ready' }] },
  { name: '§4.3 BRO switches to 0xAA and the CRO timers start', from: S('ready'), event: tmo('bro-ready'), to: 'ready', state: { broReady: true }, effects: [{ kind: 'start-timer', name: 'cro' }, { kind: 'start-timer', name: 'croAA' }] },
  { name: 'CRO 0x00 after BRO 0xAA cancels the "no CRO at all" timer only', from: S('ready', { broReady: true }), event: rx(cro(false)), to: 'ready', effects: [{ kind: 'cancel-timer', name: 'cro' }] },
  { name: '§4.3 CRO 0xAA → charging: BCL, BCS, BSM and the CCS timer', from: S('ready', { broReady: true }), event: rx(cro(true)), to: 'charging', effects: [{ kind: 'stop-periodic', message: 'BRO' }, { kind: 'start-periodic', message: 'BCL' }, { kind: 'start-periodic', message: 'BCS' }, { kind: 'start-periodic', message: 'BSM' }, { kind: 'start-timer', name: 'ccs' }] },
  { name: 'CRO 0xAA before BRO 0xAA is not acted on', from: S('ready', { broReady: false }), event: rx(cro(true)), to: 'ready', effects: [] },
  { name: '§4.3 no CRO within 5 s of BRO 0xAA → BEM 2.3', from: S('ready', { broReady: true }), event: tmo('cro'), to: 'error', state: { bem: 'cro' } },
  { name: '§4.3 no CRO 0xAA within 60 s → BEM 2.3', from: S('ready', { broReady: true }), event: tmo('croAA'), to: 'error', state: { bem: 'cro' } },
  { name: '§4.3 each CCS restarts the 1 s CCS timer', from: S('charging'), event: rx(CCS), to: 'charging', effects: [{ kind: 'start-timer', name: 'ccs' }] },
  { name: '§4.3 no CCS for 1 s → BEM 3.1, output stopped', from: S('charging'), event: tmo('ccs'), to: 'error', state: { bem: 'ccs' }, effects: [{ kind: 'output-stopped' }, ...bemEffects] },
  { name: '§4.7 CST while charging → BST with bits 1.7–8, then BSD after a short linger', from: S('charging'), event: rx(CST), to: 'stopping', state: { bst: { chargerInitiated: 1 }, cstSeen: true }, effects: [{ kind: 'start-periodic', message: 'BST' }, { kind: 'start-timer', name: 'bst-linger' }] },
  { name: '§4.7 BMS stop → BST every 10 ms and the 5 s CST timer', from: S('charging'), event: { type: 'stop-request', causes: { socTargetReached: 1 } }, to: 'stopping', state: { bst: { socTargetReached: 1 }, cstSeen: false }, effects: [{ kind: 'start-periodic', message: 'BST' }, { kind: 'start-timer', name: 'cst' }] },
  { name: 'a stop request outside ready/charging is ignored', from: S('identification'), event: { type: 'stop-request', causes: { otherFault: 1 } }, to: 'identification', effects: [] },
  { name: '§4.3 the answering CST cancels the CST timer', from: S('stopping', { bst: { socTargetReached: 1 } }), event: rx(CST), to: 'stopping', state: { cstSeen: true }, effects: [{ kind: 'cancel-timer', name: 'cst' }, { kind: 'start-timer', name: 'bst-linger' }] },
  { name: '§4.3 no CST within 5 s of BST → BEM 3.3', from: S('stopping'), event: tmo('cst'), to: 'error', state: { bem: 'cst' } },
  { name: '§4.3 after the stop: BSD every 250 ms and the 10 s CSD timer', from: S('stopping', { cstSeen: true }), event: tmo('bst-linger'), to: 'ending', effects: [{ kind: 'stop-periodic', message: 'BST' }, { kind: 'start-periodic', message: 'BSD' }, { kind: 'start-timer', name: 'csd' }] },
  { name: '§4.3 CSD ends the session', from: S('ending'), event: rx(CSD), to: 'done', effects: [{ kind: 'stop-all-periodic' }] },
  { name: '§4.3 no CSD within 10 s → BEM 4.1', from: S('ending'), event: tmo('csd'), to: 'error', state: { bem: 'csd' } },
  { name: '§4.5 CEM: the BMS stops its messages and waits for a new CRM', from: S('charging'), event: rx(CEM), to: 'waiting', effects: [{ kind: 'stop-all-periodic' }, { kind: 'output-stopped' }, { kind: 'start-timer', name: 'wake' }] },
  { name: '§4.5 CRM 0x00 right after the BEM started does not restart yet', from: S('error', { bem: 'crmAA' }), event: rx(crm(false)), to: 'error', effects: [] },
  { name: 'the hold time arms the restart', from: S('error', { bem: 'crmAA' }), event: tmo('bem-hold'), to: 'error', state: { restartArmed: true } },
  { name: '§4.5 CRM 0x00 after the hold restarts identification (counted)', from: S('error', { restartArmed: true }), event: rx(crm(false)), to: 'identification', state: { restarts: 1, bem: null }, effects: [{ kind: 'stop-all-periodic' }, { kind: 'start-periodic', message: 'BRM' }] },
  { name: '§4.5 after three restarts the BMS gives up', from: S('error', { restartArmed: true, restarts: 3 }), event: rx(crm(false)), to: 'done' },
  { name: 'BEM is sent for a bounded time, then the BMS falls silent', from: S('error'), event: tmo('bem-end'), to: 'done', effects: [{ kind: 'stop-all-periodic' }] },
  { name: 'a CHM after the end starts a new session', from: S('done', { restarts: 2 }), event: rx(CHM), to: 'handshake', state: { restarts: 0 } },
  { name: 'power-off from any phase stops everything', from: S('charging'), event: { type: 'power-off' }, to: 'off', effects: [{ kind: 'stop-all-periodic' }, { kind: 'cancel-all-timers' }, { kind: 'output-stopped' }] },
];

function containsInOrder(actual: readonly BmsEffect[], expected: readonly BmsEffect[]): boolean {
  let i = 0;
  for (const a of actual) if (i < expected.length && JSON.stringify(a) === JSON.stringify(expected[i])) i++;
  return i === expected.length;
}

describe('BMS phase machine (reference §4.3)', () => {
  it.each(rows)('$name', (row) => {
    const tr = bmsTransition(row.from, row.event, DEFAULT_TIMING);
    expect(tr.state.phase).toBe(row.to);
    if (row.state) expect(tr.state).toMatchObject(row.state);
    if (row.effects && row.effects.length === 0) expect(tr.effects).toEqual([]);
    else if (row.effects) expect(containsInOrder(tr.effects, row.effects), JSON.stringify(tr.effects)).toBe(true);
    if (tr.state.phase !== row.from.phase) expect(tr.effects).toContainEqual(expect.objectContaining({ kind: 'phase', phase: row.to }));
  });

  it('with firstBrmDelayMs the first BRM waits for the brm-delay timer', () => {
    const tr = bmsTransition(S('handshake'), rx(crm(false)), { ...DEFAULT_TIMING, firstBrmDelayMs: 6000 });
    expect(tr.effects).toContainEqual({ kind: 'start-timer', name: 'brm-delay' });
    expect(tr.effects).not.toContainEqual({ kind: 'start-periodic', message: 'BRM' });
  });

  it('with broNotReadyMs 0 the BMS sends BRO 0xAA at once', () => {
    const tr = bmsTransition(S('parameters'), rx(CML), { ...DEFAULT_TIMING, broNotReadyMs: 0 });
    expect(tr.state.broReady).toBe(true);
    expect(tr.effects).toContainEqual({ kind: 'start-timer', name: 'croAA' });
  });

  it('events that do not concern a phase leave it unchanged without effects', () => {
    for (const phase of ['off', 'waiting', 'identification', 'charging', 'done'] as const) {
      const tr = bmsTransition(S(phase), rx(CSD), DEFAULT_TIMING);
      if (phase === 'done' || phase === 'off' || phase === 'waiting') expect(tr.effects).toEqual([]);
      expect(tr.state.phase).toBe(phase);
    }
  });
});
