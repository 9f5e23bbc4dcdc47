// What the agent's charger link reported during one GB/T session (BmsLink port events), stamped
// with the clock's monotonic ms: phases, the VIN and vinStatus, the decision, contactor and output
// actions, the BMS's measurements, communication errors and the end. Tests and the demo's acts read
// it; `ended` resolves when the link reports the end (or rejects after a bound).
import type { Bcs } from '../../../../pile-agent/protocols.js';
import type { BmsLink, BmsLinkEvents, Clock, ContactorPurpose, Decision } from '../../../../pile-agent/ports.js';

type Stamped<T> = T & { readonly atMs: number };

export interface LinkTranscript {
  readonly phases: Stamped<BmsLinkEvents['phase']>[];
  vin: Stamped<Pick<BmsLinkEvents['vin'], 'vin' | 'vinStatus'>> | null;
  decision: Stamped<{ readonly decision: Decision }> | null;
  readonly contactors: Stamped<{ readonly closed: boolean; readonly purpose: ContactorPurpose }>[];
  readonly aux: Stamped<{ readonly on: boolean }>[];
  readonly commErrors: Stamped<{ readonly reason: string }>[];
  /** BCL, BCS and BSM the link reported while charging. */
  measurements: number;
  lastBcs: Bcs | null;
  end: Stamped<BmsLinkEvents['ended']> | null;
}

export interface SessionWatch {
  readonly record: LinkTranscript;
  /** Resolves with the end; rejects when the link has not ended within `timeoutMs`. */
  ended(timeoutMs: number): Promise<BmsLinkEvents['ended']>;
  /** Resolves when the link enters `phase` (or has already); rejects after `timeoutMs`. */
  reached(phase: BmsLinkEvents['phase']['to'], timeoutMs: number): Promise<void>;
  dispose(): void;
}

export function watchSession(link: BmsLink, clock: Clock): SessionWatch {
  const record: LinkTranscript = {
    phases: [],
    vin: null,
    decision: null,
    contactors: [],
    aux: [],
    commErrors: [],
    measurements: 0,
    lastBcs: null,
    end: null,
  };
  const at = () => clock.monotonic();
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  const offs = [
    link.on('phase', (p) => (record.phases.push({ ...p, atMs: at() }), wake())),
    link.on('vin', (v) => (record.vin = { vin: v.vin, vinStatus: v.vinStatus, atMs: at() })),
    link.on('decision', (d) => (record.decision = { decision: d.decision, atMs: at() })),
    link.on('contactors', (c) => record.contactors.push({ closed: c.closed, purpose: c.purpose, atMs: at() })),
    link.on('aux-power', (a) => record.aux.push({ on: a.on, atMs: at() })),
    link.on('comm-error', (e) => record.commErrors.push({ reason: e.reason, atMs: at() })),
    link.on('measurement', ({ msg }) => {
      record.measurements++;
      if (msg.name === 'BCS') record.lastBcs = msg;
    }),
    link.on('ended', (e) => ((record.end = { ...e, atMs: at() }), wake())),
  ];

  const until = (done: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`GB/T session: ${what} not reached within ${timeoutMs} ms (phases: ${record.phases.map((p) => p.to).join(' → ') || 'none'})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
    });

  return {
    record,
    ended: async (timeoutMs) => {
      await until(() => record.end !== null, 'the end', timeoutMs);
      const { outcome, reason } = record.end!;
      return { outcome, reason };
    },
    reached: (phase, timeoutMs) => until(() => record.phases.some((p) => p.to === phase), `phase ${phase}`, timeoutMs),
    dispose: () => offs.forEach((f) => f()),
  };
}

/** The phase names in order, for readable assertions. */
export const phaseNames = (r: LinkTranscript): string[] => r.phases.map((p) => p.to);

/** Whether K1/K2 were ever closed for charging (as opposed to the insulation check). */
export const closedForCharging = (r: LinkTranscript): boolean => r.contactors.some((c) => c.closed && c.purpose === 'charging');
