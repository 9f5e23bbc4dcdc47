// Entry sequences shared by several rows of the charger table: entering a phase emits the same
// effects whichever event led there (reference §4.2 "charger sends", §4.5 errors, §4.6 refusal,
// §4.7 stops). Each takes the step builder and returns it; pure.
import { BST_CAUSES } from '../messages/bst.js';
import type { Brm, Bst } from '../messages/types.js';
import { cemFor, crm, csd, cst } from './charger-messages.js';
import type { Step } from './charger-step.js';
import type { TimerName } from './charger-config.js';
import type { ChargerState, Outcome, StopCause } from './charger-types.js';

/** What one attempt at a session learns and sets from the BCP on: cleared at the start and by each recovery. */
export const FRESH_ATTEMPT: Pick<ChargerState, 'bcp' | 'sawBro' | 'croReady' | 'sawBcl' | 'sawBcs' | 'bstSeen' | 'paused' | 'demand' | 'end'> = {
  bcp: null,
  sawBro: false,
  croReady: false,
  sawBcl: false,
  sawBcs: false,
  bstSeen: false,
  paused: false,
  demand: null,
  end: null,
};

export const outcomeOf = (cause: StopCause): Outcome => (cause === 'fault' || cause === 'emergency' ? 'failed' : 'stopped');

/** Makes the hardware safe: output off, K1/K2 open (whatever they were closed for). */
export function deEnergise(b: Step): Step {
  if (b.state.outputOn) b.effect({ type: 'output-off' }).set({ outputOn: false });
  const c = b.state.contactors;
  if (c !== 'open') b.effect({ type: 'contactors', closed: false, purpose: c }).set({ contactors: 'open' });
  return b;
}

/** Ends the session at once: everything stopped and open, aux power off, unlocked, reported. */
export function endSession(b: Step, outcome: Outcome, reason: string): Step {
  deEnergise(b.cancelAll().stopAll());
  return b
    .effect({ type: 'aux-power', on: false })
    .effect({ type: 'lock', locked: false })
    .set({ end: { outcome, reason } })
    .report({ kind: 'ended', outcome, reason })
    .to(outcome === 'refused' ? 'refused' : 'ended');
}

/** S2: insulation check with K1/K2 closed for `insulation` only (§4.1 step 4), before any VIN. */
export function enterInsulation(b: Step): Step {
  const max = b.cfg.capability.maxOutputVoltageDeciV;
  const bhm = b.state.bhmMaxVoltageDeciV;
  return b
    .effect({ type: 'contactors', closed: true, purpose: 'insulation' })
    .set({ contactors: 'insulation' })
    .effect({ type: 'insulation-check', testVoltageDeciV: bhm === null ? max : Math.min(bhm, max) })
    .timer('insulation')
    .to('insulation');
}

/** S3: CRM 0x00 every 250 ms, BRM expected within 5 s (§4.2, §4.4). */
export function enterIdentification(b: Step): Step {
  return b.stop('CHM').send(crm(b.cfg, false)).timer('brm').to('identification');
}

/** S4: the BMS is recognised (and, in this product, authorised): CRM 0xAA until BCP (§4.4). */
export function grantRecognition(b: Step): Step {
  return b.send(crm(b.cfg, true)).timer('bcp').to('identified');
}

export const sameVin = (a: Brm | null, b: Brm): boolean => a !== null && a.vin === b.vin && a.vinStatus === b.vinStatus;

/** §4.6 option 1 (CRM stays 0x00), optionally option 2's CST first; no retry, ends on BEM/timeout. */
export function enterRefusing(b: Step, reason: string): Step {
  b.cancel('decision', 'brm').set({ decision: 'refused', end: { outcome: 'refused', reason } });
  if (b.cfg.refusalCst) b.stop('CRM').send(cst('condition')).timer('refusal-cst');
  return b.timer('refusal').to('refusing');
}

/** S8, charger side (§4.7): ramp down, CST every 10 ms, BST within 5 s, BSD within 10 s. */
export function enterStopping(b: Step, cause: StopCause, reason: string, outcome: Outcome): Step {
  if (b.state.outputOn && cause !== 'bms') b.effect({ type: 'output-ramp-down' });
  b.cancelAll().stop('CRM', 'CTS', 'CML', 'CRO', 'CCS', 'CEM').send(cst(cause)).set({ end: { outcome, reason } });
  if (!b.state.bstSeen) b.timer('bst');
  return b.timer('bsd').to('stopping');
}

const BST_NORMAL_CAUSES = new Set(['socTargetReached', 'totalVoltageReached', 'cellVoltageReached', 'chargerInitiated']);

/** S8, BMS side (§4.7): output off at once, CST `40 00 F0 F0`, then BSD/CSD. */
export function bmsStop(b: Step, bst: Bst): Step {
  const causes = BST_CAUSES.filter((k) => bst[k] === 1);
  const fault = causes.some((k) => !BST_NORMAL_CAUSES.has(k));
  if (b.state.outputOn) b.effect({ type: 'output-off' }).set({ outputOn: false });
  b.set({ bstSeen: true });
  const reason = `bms-stop:${causes.length > 0 ? causes.join(',') : 'unspecified'}`;
  return enterStopping(b, 'bms', reason, fault ? 'failed' : 'stopped');
}

/** S9: CST off, output off and K1/K2 open, CSD every 250 ms for a while (§4.7 step 5). */
export function enterStatistics(b: Step): Step {
  deEnergise(b.cancel('bst', 'bsd').stop('CST', 'CEM'));
  return b.send(csd(b.cfg, b.state)).timer('csd').to('statistics');
}

/**
 * SE (§4.5): output off, K1/K2 open, other messages stopped, CEM with the timed-out message's bit
 * every 250 ms (none for a BEM), then recovery from identification or the end.
 */
export function enterError(b: Step, cause: TimerName | 'bem', after: 'recover' | 'end'): Step {
  const cem = cause === 'bem' ? null : cemFor(cause);
  const reason = cause === 'bem' ? 'bms-error' : `timeout:${cause}`;
  deEnergise(b.cancelAll().stopAll());
  if (cem) b.send(cem);
  return b
    .set({ afterError: after, end: after === 'end' && b.state.end ? b.state.end : { outcome: 'failed', reason } })
    .report({ kind: 'comm-error', reason, cem, recoveries: b.state.recoveries })
    .timer('cem')
    .to('error');
}

/** After the CEM hold: restart identification (≤ maxRecoveries times) or end (§4.5). */
export function recoverOrEnd(b: Step): Step {
  const s = b.state;
  const reason = s.end?.reason ?? 'error';
  b.stop('CEM');
  if (s.afterError === 'end' || s.recoveries >= b.cfg.maxRecoveries) {
    const outcome = s.afterError === 'end' ? (s.end?.outcome ?? 'failed') : 'failed';
    return endSession(b, outcome, reason);
  }
  b.set({ ...FRESH_ATTEMPT, recoveries: s.recoveries + 1 });
  return enterIdentification(b);
}
