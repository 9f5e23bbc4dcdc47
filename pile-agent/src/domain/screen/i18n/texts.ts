// The shape of one language's screen texts. Every refusal code of the authorization decision
// (authorize.types.ts REASON_CODES), every stop reason and every catalogued fault must have an entry:
// the type makes a missing one a compile error. `{n}`-style placeholders are filled by `fill`.
import type { ReasonCode } from '../../authorization/authorize.types.js';
import type { StopReason } from '../../../protocols/sync/session-record.js';
import type { FaultCode } from '../../../shared/fault-catalog.js';
import type { ConnectorStatus, StartMethod } from '../view-state.js';

/** Codes with their own text: the decision's refusals plus the session layer's. */
export type KnownRefusal = Exclude<ReasonCode, 'ok'> | 'decision-timeout' | 'vin-changed' | 'meter-unreadable';

export interface RefusalText {
  /** Short, large: 车辆未登记. */
  readonly title: string;
  /** What the driver can do. */
  readonly hint: string;
}

export interface Texts {
  readonly offline: string;
  readonly langToggle: string;
  readonly connector: string; // "{n}号枪"
  readonly status: Record<ConnectorStatus, string>;
  readonly method: Record<StartMethod, string>;
  readonly idle: {
    readonly title: string;
    readonly cardCharge: string;
    readonly vinCharge: string;
    readonly passwordCharge: string;
    readonly hintAvailable: string;
    readonly hintBusy: string;
    readonly footer: string;
  };
  readonly connecting: {
    readonly title: string;
    readonly steps: readonly [string, string, string, string];
    readonly tapCard: string;
    readonly plugIn: string;
    readonly readingVin: string;
    readonly cancel: string;
  };
  readonly authorizing: { readonly title: string; readonly wait: string };
  readonly charging: {
    readonly title: string;
    readonly energy: string;
    readonly power: string;
    readonly voltage: string;
    readonly current: string;
    readonly soc: string;
    readonly elapsed: string;
    readonly cost: string;
    readonly plate: string;
    readonly vinTail: string;
    readonly stop: string;
    readonly unknown: string;
  };
  readonly keypad: {
    readonly titleStop: string;
    readonly titleStart: string;
    readonly triesLeft: string; // "{n}"
    readonly locked: string; // "{t}"
    readonly del: string;
    readonly ok: string;
    readonly cancel: string;
  };
  readonly receipt: {
    readonly title: string;
    readonly energy: string;
    readonly duration: string;
    readonly cost: string;
    readonly plate: string;
    readonly vinTail: string;
    readonly stopReason: string;
    readonly done: string;
  };
  readonly refused: {
    readonly title: string;
    readonly back: string;
    readonly vin: string;
    readonly card: string;
    /** Fallback for a code without its own text: "{code}" is shown. */
    readonly unknown: RefusalText;
  };
  readonly reasons: Record<KnownRefusal, RefusalText>;
  readonly stopReasons: Record<StopReason, string>;
  readonly fault: { readonly title: string; readonly hint: string; readonly pile: string };
  readonly faults: Record<FaultCode, string>;
  readonly maintenance: { readonly title: string; readonly hint: string; readonly until: string };
}

/** Replaces `{key}` with its value. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
