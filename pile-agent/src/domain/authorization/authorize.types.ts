// The inputs and the result of the authorization decision (authorize.ts) for the four modes of
// docs/charging-modes.md: credentials, policy, payer, attribution, stop credentials and the stable reason codes
// that the screen maps to texts and the journal records. Types and constants only.
import type { VinStatus } from '../../protocols/gbt27930/messages/types.js';
import type { FixedPasswordEntry } from './whitelist.types.js';

/** docs/charging-modes.md: 1 station card / fixed password, 2 one card per vehicle, 3 fleet card + VIN, 4 VIN button. */
export type ChargingMode = 1 | 2 | 3 | 4;

/**
 * What was presented to start a session. A fixed password arrives already verified against the
 * cached hashes (password-check.ts): `match` is the row it matched, or null for a wrong password.
 * A remote start is the cloud starting a session on behalf of a card; it follows the card's rules.
 */
export type Credential =
  | { readonly kind: 'card'; readonly cardNo: string }
  | { readonly kind: 'remote'; readonly cardNo: string }
  | { readonly kind: 'fixed-password'; readonly match: FixedPasswordEntry | null }
  | { readonly kind: 'vin-button' };

export type CredentialKind = Credential['kind'];

/** The VIN as read from the BMS at BRM (vin.ts classifyBrmVin); `vin` is null unless it was readable. */
export interface VinReading {
  readonly vin: string | null;
  readonly vinStatus: VinStatus;
}

/** Policy inputs: the cloud link state and the charger profile's `vinCharge` feature. */
export interface AuthPolicy {
  readonly online: boolean;
  readonly vinChargeEnabled: boolean;
}

/** Who pays: the member's own balance (mode 1) or a department's fund pool (modes 2–4). */
export type Payer = { readonly kind: 'member'; readonly memberId: string; readonly memberName: string } | { readonly kind: 'department'; readonly departmentId: string };

/**
 * Whose session it is in the reports. Mode 1: the cloud attributes it from VIN (else plate); the
 * pile gives the department it knows for a registered VIN as a hint (null: unregistered / no VIN).
 */
export type Attribution = { readonly kind: 'department'; readonly departmentId: string } | { readonly kind: 'by-cloud'; readonly hintDepartmentId: string | null };

/**
 * What may end the session from the pile besides BMS, fault, emergency stop and the cloud's remote
 * stop (always possible). Mode 4's stop password is a snapshot taken when the VIN was accepted:
 * a password changed during the session does not apply to it (docs/charging-modes.md mode 4).
 */
export type StopCredential =
  | { readonly kind: 'card'; readonly cardNo: string }
  | { readonly kind: 'fixed-password' }
  | { readonly kind: 'stop-password'; readonly departmentId: string; readonly hash: string; readonly passwordVersion: number };

/** The credential as recorded with the session (docs/charging-modes.md rule 6). */
export interface CredentialRecord {
  readonly kind: CredentialKind;
  readonly cardNo: string | null;
  readonly memberId: string | null;
  /** The card member's department (modes 2 and 3): mode 3 checks the vehicle against it. */
  readonly departmentId: string | null;
  /** The fixed-password row that matched (mode 1 by password). */
  readonly fixedPasswordId: string | null;
}

/** The VIN as recorded: `registered` tells whether the cache knows the vehicle. */
export interface VinRecord {
  readonly vin: string | null;
  readonly status: VinStatus;
  readonly registered: boolean;
  readonly plate: string | null;
}

/** Stable reason codes (screen texts and journal); never rename one, add new ones. */
export const REASON_CODES = [
  'ok',
  'card-unknown',
  'card-no-department',
  'department-unknown',
  'department-not-bound',
  'cannot-pay',
  'offline-not-allowed',
  'password-wrong',
  'vin-charge-disabled',
  'vin-absent',
  'vin-malformed',
  'vin-bad-check-digit',
  'vin-unregistered',
  'vin-other-department',
  'vehicle-no-department',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * `allow`: go on (at the credential stage: to the VIN stage when `vinRequired`, else charge).
 * `refuse`: end before any energy flows. `ask-cloud`: only for a card unknown while online; the
 * service asks the cloud (or syncs) and decides again, refusing if the cloud does not answer.
 */
export type Verdict = 'allow' | 'refuse' | 'ask-cloud';

export interface AuthDecision {
  readonly verdict: Verdict;
  /** `credential`: when the card / password / button was presented; `vin`: at BRM. */
  readonly stage: 'credential' | 'vin';
  readonly reason: ReasonCode;
  /** The mode per rule 1; null when it cannot be known (card unknown, its department unknown). */
  readonly mode: ChargingMode | null;
  readonly credential: CredentialRecord;
  /** null until known (mode 4 before the VIN) and on refusals before the payer is known. */
  readonly payer: Payer | null;
  readonly attribution: Attribution | null;
  readonly stopBy: readonly StopCredential[];
  /** Modes 3 and 4: the VIN stage must allow before the contactors close (rule 4). */
  readonly vinRequired: boolean;
  /** Set at the VIN stage. */
  readonly vin: VinRecord | null;
}

/** A decision that allowed the credential: the only input the VIN stage accepts. */
export type AllowedAuthDecision = AuthDecision & { readonly verdict: 'allow' };
