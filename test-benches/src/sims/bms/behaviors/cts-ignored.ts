// Behaviour `cts-ignored`: the BMS never hears the charger's CTS, repeats its RTS at the next periods
// and then sends an old-style abort `FF FF FF FF FF` + PGN, as a real BMS did when its RTS went
// unanswered (reference §7.6, §3.2). With no BRM ever delivered, the charger never sends CRM 0xAA
// and the BMS ends with BEM `F4 F0 F0 FC` 5 s after its first RTS.
import type { BmsBehavior } from './behavior.js';

export function ctsIgnored(rtsRetries = 2): BmsBehavior {
  return {
    name: 'cts-ignored',
    configure: (s) => ({ ...s, tp: { ...s.tp, rtsRetries, abortStyle: 'old-style' } }),
    onInbound: (seen) => (seen.kind === 'tp' && seen.cm.type === 'cts' ? { action: 'ignore' } : undefined),
  };
}
