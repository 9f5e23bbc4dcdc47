// A scenario file as the runner reads it, after scenario.schema.ts and the reference checks of
// scenario-load.ts: the depot registry and the steps. Types only.
import type { BEHAVIOURS, CREDENTIALS, PHASES, SCREENS, STOP_REASONS } from './scenario.schema.js';

export type Phase = (typeof PHASES)[number];
export type Screen = (typeof SCREENS)[number];
export type StopReason = (typeof STOP_REASONS)[number];
export type Behaviour = (typeof BEHAVIOURS)[number];
export type CredentialKind = (typeof CREDENTIALS)[number];

/** `PILE/CONNECTOR`, e.g. `YARD1-P1/2`. */
export type At = string;
export type IntOrRange = number | { readonly min?: number; readonly max?: number };

export interface DepotDepartment {
  readonly key: string;
  readonly name: string;
  readonly vinOnly?: boolean;
  readonly stopPassword?: string;
  readonly poolFen?: number;
  readonly stations?: readonly string[];
}
export interface DepotStation {
  readonly key: string;
  readonly name: string;
  readonly fenPerKwh?: number;
  readonly fixedPassword?: string;
  /** A member key: the member whose card charges every vehicle at this station (mode 1). */
  readonly administrator?: string;
}
export interface DepotVehicle {
  readonly vin?: string;
  readonly plate?: string;
  readonly department: string;
}
export interface DepotMember {
  readonly key: string;
  readonly name: string;
  readonly kind?: 'real' | 'virtual';
  readonly department?: string;
  readonly cards?: readonly string[];
  readonly balanceFen?: number;
}
export interface DepotPile {
  readonly id: string;
  readonly station: string;
  readonly connectors?: 1 | 2;
}

export interface Depot {
  readonly departments?: readonly DepotDepartment[];
  readonly stations?: readonly DepotStation[];
  readonly vehicles?: readonly DepotVehicle[];
  readonly members?: readonly DepotMember[];
  readonly piles: readonly DepotPile[];
}

export interface SessionExpectation {
  readonly at: At;
  readonly mode?: 1 | 2 | 3 | 4;
  readonly credential?: CredentialKind;
  readonly payer?: string;
  readonly department?: string | null;
  readonly vin?: string | null;
  readonly plate?: string | null;
  readonly energyWh?: IntOrRange;
  readonly amountFen?: IntOrRange;
  readonly stopReason?: StopReason;
}

export interface Expectation {
  readonly at?: At;
  readonly charging?: true;
  readonly refused?: { readonly reason?: string };
  readonly screen?: Screen;
  readonly phase?: Phase;
  readonly session?: SessionExpectation;
  readonly pool?: { readonly department: string; readonly balanceFen: IntOrRange };
  readonly unknownVins?: readonly string[];
  /** The company report's totals as this account sees them (GET /api/v1/reports/company). */
  readonly report?: { readonly as: string; readonly sessions?: number; readonly energyWh?: IntOrRange; readonly amountFen?: IntOrRange };
  /** How many sessions this account can list (GET /api/v1/sessions). */
  readonly visibleSessions?: { readonly as: string; readonly count: number };
}

export type Step =
  | { readonly plug: { readonly at: At; readonly vin?: string; readonly edition?: '2011' | '2015'; readonly behaviour?: Behaviour; readonly targetSoc?: number } }
  | { readonly unplug: { readonly at: At } }
  | { readonly card: { readonly pile: string; readonly number: string } }
  | { readonly press: { readonly at: At; readonly button: 'vin-charge' } }
  | { readonly password: { readonly at: At; readonly digits: string } }
  | { readonly wait: { readonly at: At; readonly phase?: Phase; readonly screen?: Screen; readonly withinS?: number } }
  | { readonly charge: { readonly at: At; readonly wh: number; readonly withinS?: number } }
  | { readonly api: { readonly as?: string; readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; readonly path: string; readonly body?: Record<string, unknown> } }
  | { readonly 'power-cut': { readonly pile: string } }
  | { readonly 'power-on': { readonly pile: string } }
  | { readonly broker: 'down' | 'up' }
  | { readonly meter: { readonly at: At; readonly fail: boolean } }
  | { readonly sleep: number }
  | { readonly say: string }
  | { readonly together: readonly (readonly Step[])[] }
  | { readonly expect: Expectation };

export interface Scenario {
  /** The file it came from (for reports). */
  readonly file: string;
  readonly scenario: string;
  readonly rules?: readonly string[];
  readonly depot: Depot;
  readonly steps: readonly Step[];
  /** The 1-based line of each step in the file. */
  readonly stepLines: readonly number[];
}

/** One problem in a scenario file, where it is. */
export interface ScenarioIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON-pointer-like path, e.g. `/steps/3/plug/vin`. */
  readonly path: string;
  readonly message: string;
}
