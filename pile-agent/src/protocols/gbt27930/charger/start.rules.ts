// Table rows for S0 idle, S1 handshake and S2 insulation check (reference §4.1 steps 1–4, §4.2
// S0–S2): lock + aux power, CHM ⇄ BHM (2015) or the 2011 fallback when no BHM comes, then the
// insulation check with K1/K2 closed for `insulation` only. Nothing here may enable charging.
import { chm } from './charger-messages.js';
import { endSession, enterIdentification, enterInsulation } from './charger-sequences.js';
import type { Row, Step } from './charger-step.js';

const stopBeforeIdentification = (b: Step, reason: string): Step => endSession(b, 'stopped', `local-stop:${reason}`);

export const idleRow: Row = {
  start: (b) => {
    b.effect({ type: 'lock', locked: true }).effect({ type: 'aux-power', on: true });
    // A charger configured for 2011 has no CHM (§2.6): straight to the insulation check.
    if (b.cfg.edition === '2011') return enterInsulation(b.set({ bmsEdition: '2011' }));
    return b.send(chm(b.cfg)).timer('bhm').to('handshake');
  },
};

export const handshakeRow: Row = {
  // §4.2 S1: a 2015 BMS answers CHM with BHM; CHM may continue during the check (seen on the bus).
  BHM: (b, e) => enterInsulation(b.cancel('bhm').set({ bmsEdition: '2015', bhmMaxVoltageDeciV: e.msg.maxChargeVoltageDeciV })),
  // §4.2 S1 / §2.6: no BHM → treat as a 2011 BMS (no CHM/BHM in that edition).
  'timeout:bhm': (b) => enterInsulation(b.stop('CHM').set({ bmsEdition: '2011' })),
  BEM: (b) => endSession(b, 'failed', 'bms-error'),
  'local-stop': (b, e) => stopBeforeIdentification(b, e.reason),
};

export const insulationRow: Row = {
  'insulation-result': (b, e) => {
    b.cancel('insulation');
    if (!e.ok) return endSession(b, 'failed', 'insulation-failed');
    b.effect({ type: 'contactors', closed: false, purpose: 'insulation' }).set({ contactors: 'open' });
    return enterIdentification(b);
  },
  'timeout:insulation': (b) => endSession(b, 'failed', 'insulation-timeout'),
  BEM: (b) => endSession(b, 'failed', 'bms-error'),
  'local-stop': (b, e) => stopBeforeIdentification(b, e.reason),
};
