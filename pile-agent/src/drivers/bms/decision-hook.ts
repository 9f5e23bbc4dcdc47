// Calls the authorisation hook for a BRM (reference §4.6): sync or async answers both work; a
// throw, a rejection or a malformed answer becomes a refusal with a reason, never an exception
// (a charger must fail closed). The decision budget itself is the machine's `decision` timer.
import type { Decision } from '../../protocols/gbt27930/charger/charger-types.js';
import type { Brm } from '../../protocols/gbt27930/messages/types.js';
import type { Logger } from '../../shared/logger.js';

export type DecideFn = (brm: Brm) => Decision | Promise<Decision>;

function asDecision(d: unknown): Decision | null {
  if (typeof d !== 'object' || d === null) return null;
  const { allow, reason } = d as { allow?: unknown; reason?: unknown };
  if (allow === true) return { allow: true };
  if (allow === false && typeof reason === 'string' && reason.length > 0) return { allow: false, reason };
  return null;
}

export function callDecisionHook(decide: DecideFn, brm: Brm, log: Logger, deliver: (d: Decision) => void): void {
  const accept = (d: unknown): void => {
    const decision = asDecision(d);
    if (!decision) log.error({ decision: d }, 'decision hook returned a malformed decision');
    deliver(decision ?? { allow: false, reason: 'decision-invalid' });
  };
  const fail = (error: unknown): void => {
    log.error({ err: error }, 'decision hook failed');
    deliver({ allow: false, reason: 'decision-error' });
  };
  try {
    const result = decide(brm);
    if (result instanceof Promise) result.then(accept, fail);
    else accept(result);
  } catch (error) {
    fail(error);
  }
}
