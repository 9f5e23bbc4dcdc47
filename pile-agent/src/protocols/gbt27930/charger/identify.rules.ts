// Table rows for S3 identification / deciding / refusing and S4 identified (reference §4.4 CRM
// 0x00 → 0xAA, §4.6 refusal before energy flows, §2.2 "compare the VIN of repeated BRMs").
// CRM 0xAA is sent only by grantRecognition, reachable only from an allow decision.
import type { Brm } from '../messages/types.js';
import { cml } from './charger-messages.js';
import { bmsStop, endSession, enterError, enterRefusing, enterStopping, grantRecognition, outcomeOf, sameVin } from './charger-sequences.js';
import type { Row, Step } from './charger-step.js';

/** The first complete BRM: report the VIN and ask for the decision (§4.6 decision point). */
function onFirstBrm(b: Step, brm: Brm): Step {
  b.cancel('brm');
  // Recovery after an allow (§4.5): the same vehicle is recognised again without a new decision.
  if (b.state.decision === 'allowed') {
    return sameVin(b.state.brm, brm) ? grantRecognition(b) : endSession(b, 'failed', 'vin-changed');
  }
  return b.set({ brm, decision: 'pending' }).report({ kind: 'vin', vin: brm.vin, vinStatus: brm.vinStatus, brm }).effect({ type: 'ask-decision', brm }).timer('decision').to('deciding');
}

export const identificationRow: Row = {
  BRM: (b, e) => onFirstBrm(b, e.msg),
  'timeout:brm': (b) => enterError(b, 'brm', 'recover'),
  BEM: (b) => enterError(b, 'bem', 'recover'),
  'local-stop': (b, e) => endSession(b, 'stopped', `local-stop:${e.reason}`),
};

export const decidingRow: Row = {
  BRM: (b, e) => (sameVin(b.state.brm, e.msg) ? b : endSession(b, 'failed', 'vin-changed')),
  decision: (b, e) => {
    b.cancel('decision').report({ kind: 'decision', decision: e.decision });
    if (!e.decision.allow) return enterRefusing(b, e.decision.reason);
    return grantRecognition(b.set({ decision: 'allowed' }));
  },
  'timeout:decision': (b) => {
    const decision = { allow: false, reason: 'decision-timeout' } as const;
    return enterRefusing(b.report({ kind: 'decision', decision }), 'decision-timeout');
  },
  // The BMS gave up waiting for CRM 0xAA (§4.3: 5 s after its first BRM): no decision in time.
  BEM: (b) => {
    const decision = { allow: false, reason: 'decision-timeout' } as const;
    b.cancel('decision').set({ decision: 'refused' }).report({ kind: 'decision', decision });
    return endSession(b, 'refused', 'decision-timeout');
  },
  'local-stop': (b, e) => endSession(b, 'stopped', `local-stop:${e.reason}`),
};

const refusalReason = (b: Step): string => b.state.end?.reason ?? 'refused';

export const refusingRow: Row = {
  'timeout:refusal-cst': (b) => b.stop('CST'),
  // §4.6 option 1: the BMS ends it with BEM (CRM 0xAA timeout); no CEM, no retry.
  BEM: (b) => endSession(b, 'refused', refusalReason(b)),
  'timeout:refusal': (b) => endSession(b, 'refused', refusalReason(b)),
  'local-stop': (b) => endSession(b, 'refused', refusalReason(b)),
};

export const identifiedRow: Row = {
  BCP: (b, e) => {
    const cap = b.cfg.capability;
    b.cancel('bcp').stop('CRM').set({ bcp: e.msg }).report({ kind: 'parameters', bcp: e.msg });
    // §4.2 S5 "BCP unacceptable → CST": the battery cannot be charged within our voltage range.
    if (e.msg.maxChargeVoltageDeciV < cap.minOutputVoltageDeciV) {
      return enterStopping(b, 'condition', 'bcp-incompatible', 'failed');
    }
    return b.send({ name: 'CTS', time: null }).send(cml(b.cfg)).timer('bro').timer('bro-aa').to('parameters');
  },
  // §4.4: one more BRM may arrive after CRM 0xAA (race); a different VIN is an error (§2.2).
  BRM: (b, e) => (sameVin(b.state.brm, e.msg) ? b : enterStopping(b, 'fault', 'vin-changed', 'failed')),
  'timeout:bcp': (b) => enterError(b, 'bcp', 'recover'),
  BST: (b, e) => bmsStop(b, e.msg),
  BEM: (b) => enterError(b, 'bem', 'recover'),
  'local-stop': (b, e) => enterStopping(b, e.cause, `local-stop:${e.reason}`, outcomeOf(e.cause)),
};
