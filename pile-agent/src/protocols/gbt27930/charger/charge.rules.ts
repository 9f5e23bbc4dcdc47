// Table rows for S5 parameters, S6 output preparation and S7 charging (reference §4.1 steps 6–8,
// §4.2 S5–S7, §2.4 BSM pause rule). K1/K2 close for `charging` only on `precharge-done` in S6,
// which is reachable only after an allow decision (S4 needs CRM 0xAA).
import type { Bcl, Bsm } from '../messages/types.js';
import { ccs, cro } from './charger-messages.js';
import { bmsStop, enterError, enterStopping, outcomeOf } from './charger-sequences.js';
import type { Row, Step } from './charger-step.js';

const common: Row = {
  BST: (b, e) => bmsStop(b, e.msg),
  BEM: (b) => enterError(b, 'bem', 'recover'),
  'local-stop': (b, e) => enterStopping(b, e.cause, `local-stop:${e.reason}`, outcomeOf(e.cause)),
};

/** BCL demand capped by CML and BCP (§2.3/§2.4); a paused output stays at 0 A. */
function applyDemand(b: Step, bcl: Bcl): Step {
  const cap = b.cfg.capability;
  const bcp = b.state.bcp;
  const voltageDeciV = Math.min(bcl.voltageDemandDeciV, cap.maxOutputVoltageDeciV, bcp?.maxChargeVoltageDeciV ?? Infinity);
  const currentDeciA = Math.min(bcl.currentDemandDeciA, cap.maxOutputCurrentDeciA, bcp?.maxChargeCurrentDeciA ?? Infinity);
  b.set({ demand: { voltageDeciV, currentDeciA } }).report({ kind: 'measurement', msg: bcl }).timer('bcl');
  if (b.state.paused) return b;
  return b.set({ outputOn: true }).effect({ type: 'output-set', voltageDeciV, currentDeciA });
}

/** S6 → S7 once both BCL and BCS arrived after CRO 0xAA (§4.2 S6). */
function maybeCharging(b: Step): Step {
  if (!b.state.sawBcl || !b.state.sawBcs) return b;
  return b.stop('CRO').send(ccs(b.cfg, b.state)).to('charging');
}

const BSM_FAULTS = ['cellVoltage', 'soc', 'overCurrent', 'overTemperature', 'insulation', 'connector'] as const;

/** §2.4: any abnormal SPN 3090–3095 → stop; otherwise SPN 3096 00 → pause, 01 → resume. */
function applyBsm(b: Step, bsm: Bsm): Step {
  b.report({ kind: 'measurement', msg: bsm });
  const faults = BSM_FAULTS.filter((k) => bsm[k] === 1);
  if (faults.length > 0) return enterStopping(b, 'fault', `bms-fault:${faults.join(',')}`, 'failed');
  const s = b.state;
  if (bsm.chargingPermitted === 0 && !s.paused) {
    b.set({ paused: true }).timer('pause');
    if (s.outputOn) b.effect({ type: 'output-set', voltageDeciV: s.demand?.voltageDeciV ?? 0, currentDeciA: 0 });
    return b.update(ccs(b.cfg, b.state));
  }
  if (bsm.chargingPermitted === 1 && s.paused) {
    b.set({ paused: false }).cancel('pause');
    if (s.demand) b.set({ outputOn: true }).effect({ type: 'output-set', ...s.demand });
    return b.update(ccs(b.cfg, b.state));
  }
  return b;
}

export const parametersRow: Row = {
  ...common,
  BRO: (b, e) => {
    if (e.msg.status !== 'ready') return b.cancel('bro').set({ sawBro: true });
    const bcp = b.state.bcp;
    return b
      .cancel('bro', 'bro-aa')
      .stop('CTS', 'CML')
      .set({ sawBro: true })
      .send(cro(false))
      .effect({
        type: 'prepare-output',
        batteryVoltageDeciV: bcp?.batteryVoltageDeciV ?? 0,
        maxVoltageDeciV: Math.min(bcp?.maxChargeVoltageDeciV ?? Infinity, b.cfg.capability.maxOutputVoltageDeciV),
      })
      .timer('precharge')
      .to('output-prep');
  },
  'timeout:bro': (b) => enterError(b, 'bro', 'recover'),
  'timeout:bro-aa': (b) => enterError(b, 'bro-aa', 'recover'),
};

export const outputPrepRow: Row = {
  ...common,
  'precharge-done': (b, e) => {
    if (b.state.croReady) return b;
    b.cancel('precharge');
    if (!e.ok) return enterStopping(b, 'fault', 'precharge-failed', 'failed');
    return b.effect({ type: 'contactors', closed: true, purpose: 'charging' }).set({ contactors: 'charging', croReady: true }).send(cro(true)).timer('bcl').timer('bcs');
  },
  'timeout:precharge': (b) => enterStopping(b, 'fault', 'precharge-timeout', 'failed'),
  BCL: (b, e) => (b.state.croReady ? maybeCharging(applyDemand(b, e.msg).set({ sawBcl: true })) : b),
  BCS: (b, e) => {
    if (!b.state.croReady) return b;
    b.report({ kind: 'measurement', msg: e.msg }).timer('bcs').set({ sawBcs: true });
    return maybeCharging(b);
  },
  'timeout:bcl': (b) => enterError(b, 'bcl', 'recover'),
  'timeout:bcs': (b) => enterError(b, 'bcs', 'recover'),
};

export const chargingRow: Row = {
  ...common,
  BCL: (b, e) => applyDemand(b, e.msg),
  BCS: (b, e) => b.report({ kind: 'measurement', msg: e.msg }).timer('bcs'),
  BSM: (b, e) => applyBsm(b, e.msg),
  'timeout:bcl': (b) => enterError(b, 'bcl', 'recover'),
  'timeout:bcs': (b) => enterError(b, 'bcs', 'recover'),
  'timeout:pause': (b) => enterStopping(b, 'condition', 'pause-too-long', 'stopped'),
};
