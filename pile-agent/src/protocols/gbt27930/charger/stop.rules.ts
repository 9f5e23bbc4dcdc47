// Table rows for S8 stopping, S9 statistics and SE error (reference §4.7 stops, §4.5 error
// handling and recovery). Once here, nothing re-energises the output except a recovery, which
// restarts at identification and must pass S3–S6 again.
import { cemFor } from './charger-messages.js';
import { endSession, enterError, enterStatistics, recoverOrEnd } from './charger-sequences.js';
import type { Row, Step } from './charger-step.js';

const endAsPlanned = (b: Step): Step => endSession(b, b.state.end?.outcome ?? 'stopped', b.state.end?.reason ?? 'stopped');

export const stoppingRow: Row = {
  BST: (b) => b.cancel('bst').set({ bstSeen: true }),
  BSD: (b) => enterStatistics(b),
  // §4.7 step 3: no BST within 5 s → CEM (BST); CST continues until BSD or the 10 s limit.
  'timeout:bst': (b) => {
    const cem = cemFor('bst');
    return cem ? b.send(cem) : b;
  },
  // §4.7 step 4: no BSD within 10 s → CEM (BSD), then the end (no recovery from a stop).
  'timeout:bsd': (b) => enterError(b, 'bsd', 'end'),
  BEM: (b) => endAsPlanned(b),
};

export const statisticsRow: Row = {
  'timeout:csd': (b) => endAsPlanned(b),
};

export const errorRow: Row = {
  'timeout:cem': (b) => recoverOrEnd(b),
  'local-stop': (b, e) => endSession(b, 'stopped', `local-stop:${e.reason}`),
};
