// The simulated BMS's phase machine as a table (house rule R8): one handler per phase, pure
// `(state, event) → {state, effects}`, timeouts arrive as events. Implements the BMS column of
// reference §4.3 (what it sends in each phase, until when, and which BEM bit each of its own receive
// timeouts sets), the CRM 0x00→0xAA rule of §4.4 and the stop rules of §4.7. No I/O, no timers.
import type { ChargerMessage } from '../../../../pile-agent/protocols.js';
import type { BmsTiming } from './bms-settings.js';
import type { BemField, BmsEffect, BmsEvent, BmsPhase, BmsState, BmsTransition, BstCauses } from './bms-machine.types.js';

type Handler = (s: BmsState, e: BmsEvent, t: BmsTiming) => BmsTransition | null;

const stay = (state: BmsState): BmsTransition => ({ state, effects: [] });
const rx = (e: BmsEvent, name: ChargerMessage['name']): ChargerMessage | null => (e.type === 'rx' && e.msg.name === name ? e.msg : null);
const isCrm = (e: BmsEvent, recognized: boolean): boolean => e.type === 'rx' && e.msg.name === 'CRM' && e.msg.recognized === recognized;
const timeout = (e: BmsEvent, name: string): boolean => e.type === 'timeout' && e.name === name;
const phase = (p: BmsPhase, reason: string): BmsEffect => ({ kind: 'phase', phase: p, reason });

/** §4.3 "After wake-up": a 2015 BMS answers CHM with BHM; a 2011 BMS stays silent until CRM. */
function enterWaiting(s: BmsState, reason: string): BmsTransition {
  return {
    state: { ...s, phase: 'waiting', bst: null, bem: null, cstSeen: false, broReady: false },
    effects: [phase('waiting', reason), { kind: 'start-timer', name: 'wake' }],
  };
}

function enterHandshake(s: BmsState): BmsTransition {
  return {
    state: { ...s, phase: 'handshake' },
    effects: [phase('handshake', 'CHM received'), { kind: 'start-periodic', message: 'BHM' }, { kind: 'start-timer', name: 'crm00' }],
  };
}

/** §4.3 "Identification": BRM every 250 ms after CRM 0x00; the 5 s CRM 0xAA timer runs from the first BRM. */
function enterIdentification(s: BmsState, t: BmsTiming, reason: string): BmsTransition {
  const firstBrm: BmsEffect[] =
    t.firstBrmDelayMs > 0
      ? [{ kind: 'start-timer', name: 'brm-delay' }]
      : [
          { kind: 'start-periodic', message: 'BRM' },
          { kind: 'start-timer', name: 'crmAA' },
        ];
  return {
    state: { ...s, phase: 'identification', bem: null, restartArmed: false },
    effects: [phase('identification', reason), { kind: 'stop-all-periodic' }, { kind: 'cancel-all-timers' }, ...firstBrm],
  };
}

/** §4.3 BEM column: stop everything, send BEM with the one timeout bit every 250 ms. */
function enterError(s: BmsState, field: BemField, reason: string): BmsTransition {
  return {
    state: { ...s, phase: 'error', bem: field, restartArmed: false },
    effects: [
      phase('error', reason),
      { kind: 'stop-all-periodic' },
      { kind: 'cancel-all-timers' },
      { kind: 'output-stopped' },
      { kind: 'start-periodic', message: 'BEM' },
      { kind: 'start-timer', name: 'bem-hold' },
      { kind: 'start-timer', name: 'bem-end' },
    ],
  };
}

/** §4.7: BST every 10 ms; after a CST, a few more BST then BSD. */
function enterStopping(s: BmsState, bst: BstCauses, cstSeen: boolean, reason: string): BmsTransition {
  return {
    state: { ...s, phase: 'stopping', bst, cstSeen },
    effects: [
      phase('stopping', reason),
      { kind: 'stop-all-periodic' },
      { kind: 'cancel-all-timers' },
      { kind: 'output-stopped' },
      { kind: 'start-periodic', message: 'BST' },
      { kind: 'start-timer', name: cstSeen ? 'bst-linger' : 'cst' },
    ],
  };
}

function enterDone(s: BmsState, reason: string): BmsTransition {
  return {
    state: { ...s, phase: 'done' },
    effects: [phase('done', reason), { kind: 'stop-all-periodic' }, { kind: 'cancel-all-timers' }, { kind: 'output-stopped' }],
  };
}

/** A CEM in any active phase: the charger timed out; the BMS stops and waits for a new CRM (§4.5). */
function onCem(s: BmsState, e: BmsEvent, _t: BmsTiming): BmsTransition | null {
  if (!rx(e, 'CEM')) return null;
  const w = enterWaiting(s, 'CEM received: charger timed out, waiting for a new CRM');
  return { state: w.state, effects: [{ kind: 'stop-all-periodic' }, { kind: 'cancel-all-timers' }, { kind: 'output-stopped' }, ...w.effects] };
}

const handlers: Record<BmsPhase, Handler> = {
  off: (s, e) => (e.type === 'power-on' ? enterWaiting(s, 'powered on') : null),

  waiting: (s, e, t) => {
    if (rx(e, 'CHM')) return s.edition === '2015' ? enterHandshake(s) : stay(s); // §2.6: 2011 has no BHM
    if (isCrm(e, false)) return enterIdentification(s, t, 'CRM 0x00 received');
    if (timeout(e, 'wake')) return enterError(s, 'crm00', 'no CRM within the wake-up timeout');
    return null;
  },

  handshake: (s, e, t) => {
    if (isCrm(e, false)) return enterIdentification(s, t, 'CRM 0x00 received');
    if (timeout(e, 'crm00')) return enterError(s, 'crm00', 'no CRM within 30 s of CHM');
    if (timeout(e, 'wake')) return enterError(s, 'crm00', 'no CRM within the wake-up timeout');
    return onCem(s, e, t);
  },

  identification: (s, e, t) => {
    if (timeout(e, 'brm-delay')) {
      return {
        state: s,
        effects: [
          { kind: 'start-periodic', message: 'BRM' },
          { kind: 'start-timer', name: 'crmAA' },
        ],
      };
    }
    if (isCrm(e, true)) {
      return {
        state: { ...s, phase: 'parameters' },
        effects: [
          phase('parameters', 'CRM 0xAA received'),
          { kind: 'stop-periodic', message: 'BRM' },
          { kind: 'cancel-all-timers' },
          { kind: 'start-periodic', message: 'BCP' },
          { kind: 'start-timer', name: 'cml' },
        ],
      };
    }
    if (timeout(e, 'crmAA')) return enterError(s, 'crmAA', 'no CRM 0xAA within 5 s of the first BRM');
    return onCem(s, e, t);
  },

  parameters: (s, e, t) => {
    if (rx(e, 'CML')) {
      const ready = t.broNotReadyMs <= 0;
      return {
        state: { ...s, phase: 'ready', broReady: ready },
        effects: [
          phase('ready', 'CML received'),
          { kind: 'stop-periodic', message: 'BCP' },
          { kind: 'cancel-timer', name: 'cml' },
          { kind: 'start-periodic', message: 'BRO' },
          ...(ready
            ? ([
                { kind: 'start-timer', name: 'cro' },
                { kind: 'start-timer', name: 'croAA' },
              ] as const)
            : ([{ kind: 'start-timer', name: 'bro-ready' }] as const)),
        ],
      };
    }
    if (timeout(e, 'cml')) return enterError(s, 'ctsCml', 'no CML within 5 s');
    return onCem(s, e, t);
  },

  ready: (s, e, t) => {
    if (timeout(e, 'bro-ready')) {
      return {
        state: { ...s, broReady: true },
        effects: [
          { kind: 'start-timer', name: 'cro' },
          { kind: 'start-timer', name: 'croAA' },
        ],
      };
    }
    const cro = rx(e, 'CRO');
    if (cro && cro.name === 'CRO') {
      if (cro.status === 'ready' && s.broReady) {
        return {
          state: { ...s, phase: 'charging' },
          effects: [
            phase('charging', 'CRO 0xAA received'),
            { kind: 'stop-periodic', message: 'BRO' },
            { kind: 'cancel-all-timers' },
            { kind: 'start-periodic', message: 'BCL' },
            { kind: 'start-periodic', message: 'BCS' },
            { kind: 'start-periodic', message: 'BSM' },
            { kind: 'start-timer', name: 'ccs' },
          ],
        };
      }
      return s.broReady ? { state: s, effects: [{ kind: 'cancel-timer', name: 'cro' }] } : stay(s);
    }
    if (timeout(e, 'cro')) return enterError(s, 'cro', 'no CRO within 5 s of BRO 0xAA');
    if (timeout(e, 'croAA')) return enterError(s, 'cro', 'no CRO 0xAA within 60 s');
    if (e.type === 'stop-request') return enterStopping(s, e.causes, false, 'BMS stop');
    if (rx(e, 'CST')) return enterStopping(s, { chargerInitiated: 1 }, true, 'CST received');
    return onCem(s, e, t);
  },

  charging: (s, e, t) => {
    if (rx(e, 'CCS')) return { state: s, effects: [{ kind: 'start-timer', name: 'ccs' }] };
    if (timeout(e, 'ccs')) return enterError(s, 'ccs', 'no CCS for 1 s');
    if (rx(e, 'CST')) return enterStopping(s, { chargerInitiated: 1 }, true, 'CST received');
    if (e.type === 'stop-request') return enterStopping(s, e.causes, false, 'BMS stop');
    return onCem(s, e, t);
  },

  stopping: (s, e, t) => {
    if (rx(e, 'CST') && !s.cstSeen) {
      return {
        state: { ...s, cstSeen: true },
        effects: [
          { kind: 'cancel-timer', name: 'cst' },
          { kind: 'start-timer', name: 'bst-linger' },
        ],
      };
    }
    if (timeout(e, 'cst')) return enterError(s, 'cst', 'no CST within 5 s of BST');
    if (timeout(e, 'bst-linger')) {
      return {
        state: { ...s, phase: 'ending' },
        effects: [phase('ending', 'stop acknowledged'), { kind: 'stop-periodic', message: 'BST' }, { kind: 'start-periodic', message: 'BSD' }, { kind: 'start-timer', name: 'csd' }],
      };
    }
    return onCem(s, e, t);
  },

  ending: (s, e, t) => {
    if (rx(e, 'CSD')) return enterDone(s, 'CSD received');
    if (timeout(e, 'csd')) return enterError(s, 'csd', 'no CSD within 10 s');
    return onCem(s, e, t);
  },

  error: (s, e, t) => {
    if (timeout(e, 'bem-hold')) return { state: { ...s, restartArmed: true }, effects: [] };
    if (timeout(e, 'bem-end')) return enterDone(s, 'BEM sent; BMS falls silent');
    if (isCrm(e, false) && s.restartArmed) {
      if (s.restarts >= t.maxRestarts) return enterDone(s, 'restart limit reached');
      return enterIdentification({ ...s, restarts: s.restarts + 1 }, t, 'CRM 0x00 after BEM: identification restarted');
    }
    return null;
  },

  // A CHM after the end means a new session (the charger re-plugged or restarted).
  done: (s, e) => (rx(e, 'CHM') ? (s.edition === '2015' ? enterHandshake({ ...s, restarts: 0 }) : enterWaiting({ ...s, restarts: 0 }, 'CHM after the end')) : null),
};

/** The transition function. Unknown or irrelevant events leave the state unchanged with no effects. */
export function bmsTransition(s: BmsState, e: BmsEvent, timing: BmsTiming): BmsTransition {
  if (e.type === 'power-off' && s.phase !== 'off') {
    return {
      state: { ...s, phase: 'off', broReady: false, bst: null, bem: null, cstSeen: false },
      effects: [phase('off', 'powered off'), { kind: 'stop-all-periodic' }, { kind: 'cancel-all-timers' }, { kind: 'output-stopped' }],
    };
  }
  return handlers[s.phase](s, e, timing) ?? stay(s);
}
