// The authorization decision of docs/charging-modes.md, in two pure stages: when a credential is presented
// (rule 1 mode selection, rules 2 and 3, offline policy) and when the VIN is known at BRM
// (GB/T 27930-2015 BRM, PGN 0x000200, bytes 25–41 — shared/reference/gbt27930.md §2.2; rule 4:
// modes 3 and 4 refuse before CRM 0xAA and the contactors, modes 1 and 2 only record it). Reads the cache through synchronous lookups; no I/O, no
// clock, no hashing (passwords arrive verified). The README's "AuthDecision rules" table mirrors this.
import type { AllowedAuthDecision, AuthPolicy, ChargingMode, Credential, CredentialRecord, AuthDecision, ReasonCode, VinReading, VinRecord } from './authorize.types.js';
import type { WhitelistView } from './whitelist.repo.js';
import type { CardEntry, DepartmentEntry, VehicleEntry } from './whitelist.types.js';

const base = (credential: CredentialRecord): AuthDecision => ({
  verdict: 'refuse',
  stage: 'credential',
  reason: 'ok',
  mode: null,
  credential,
  payer: null,
  attribution: null,
  stopBy: [],
  vinRequired: false,
  vin: null,
});

const refuse = (d: AuthDecision, reason: ReasonCode, mode: ChargingMode | null = d.mode): AuthDecision => ({ ...d, verdict: 'refuse', reason, mode });

/** Rules 2 and 3 and the offline policy for a department pool; null when it may pay here. */
function departmentRefusal(dept: DepartmentEntry | undefined, policy: AuthPolicy): ReasonCode | null {
  if (!dept) return 'department-unknown';
  if (!dept.boundHere) return 'department-not-bound';
  if (!dept.canPay) return 'cannot-pay';
  if (!policy.online && !dept.offlineAllowed) return 'offline-not-allowed';
  return null;
}

function cardRecord(kind: 'card' | 'remote', cardNo: string, card: CardEntry | undefined): CredentialRecord {
  return { kind, cardNo, memberId: card?.memberId ?? null, departmentId: card?.departmentId ?? null, fixedPasswordId: null };
}

function decideCard(kind: 'card' | 'remote', cardNo: string, view: WhitelistView, policy: AuthPolicy): AuthDecision {
  const card = view.card(cardNo);
  const d = base(cardRecord(kind, cardNo, card));
  if (!card) return { ...d, verdict: policy.online ? 'ask-cloud' : 'refuse', reason: 'card-unknown' };
  const stopBy = [{ kind: 'card', cardNo } as const];
  if (card.stationAdmin) {
    // Rule 1: a station-administrator card is mode 1; the member pays; rule 2 does not apply.
    if (!policy.online && !card.offlineAllowed) return refuse(d, 'offline-not-allowed', 1);
    if (!card.memberCanPay) return refuse(d, 'cannot-pay', 1);
    return {
      ...d,
      verdict: 'allow',
      mode: 1,
      stopBy,
      payer: { kind: 'member', memberId: card.memberId, memberName: card.memberName },
      attribution: { kind: 'by-cloud', hintDepartmentId: null },
    };
  }
  // Rule 1: any other card is mode 3 when its department has VIN-only on, else mode 2.
  if (card.departmentId === null) return refuse(d, 'card-no-department', 2);
  const dept = view.department(card.departmentId);
  const mode: ChargingMode | null = dept ? (dept.vinOnly ? 3 : 2) : null;
  const refusal = departmentRefusal(dept, policy);
  if (refusal) return refuse(d, refusal, mode);
  return {
    ...d,
    verdict: 'allow',
    mode,
    stopBy,
    vinRequired: mode === 3,
    payer: { kind: 'department', departmentId: card.departmentId },
    attribution: mode === 2 ? { kind: 'department', departmentId: card.departmentId } : null,
  };
}

/** Stage (a): a card, the fixed password, the VIN button or a remote start was presented. */
export function authorizeCredential(credential: Credential, view: WhitelistView, policy: AuthPolicy): AuthDecision {
  switch (credential.kind) {
    case 'card':
    case 'remote':
      return decideCard(credential.kind, credential.cardNo, view, policy);
    case 'fixed-password': {
      const m = credential.match;
      const d = base({ kind: 'fixed-password', cardNo: null, memberId: m?.memberId ?? null, departmentId: null, fixedPasswordId: m?.id ?? null });
      if (!m) return refuse(d, 'password-wrong', 1);
      // The station's own password: valid offline like the station card (cached hash).
      if (!m.memberCanPay) return refuse(d, 'cannot-pay', 1);
      return {
        ...d,
        verdict: 'allow',
        mode: 1,
        stopBy: [{ kind: 'fixed-password' }],
        payer: { kind: 'member', memberId: m.memberId, memberName: m.memberName },
        attribution: { kind: 'by-cloud', hintDepartmentId: null },
      };
    }
    case 'vin-button': {
      const d = base({ kind: 'vin-button', cardNo: null, memberId: null, departmentId: null, fixedPasswordId: null });
      if (!policy.vinChargeEnabled) return refuse(d, 'vin-charge-disabled', 4);
      return { ...d, verdict: 'allow', mode: 4, vinRequired: true };
    }
  }
}

function vinRecord(reading: VinReading, vehicle: VehicleEntry | undefined): VinRecord {
  return { vin: reading.vin, status: reading.vinStatus, registered: vehicle !== undefined, plate: vehicle?.plate ?? null };
}

/** Modes 3 and 4: a VIN that is unreadable or not registered stops the session before energy. */
function vinRefusal(reading: VinReading, vehicle: VehicleEntry | undefined): ReasonCode | null {
  if (reading.vinStatus === 'absent') return 'vin-absent';
  if (reading.vinStatus === 'malformed') return 'vin-malformed';
  if (reading.vinStatus === 'bad-check-digit') return 'vin-bad-check-digit';
  if (!vehicle) return 'vin-unregistered';
  return null;
}

/**
 * Stage (b): the BMS sent its VIN (BRM). Takes the credential stage's allowed decision and returns
 * the session's final decision. Modes 1 and 2 always allow and record the VIN (mode 1 adds the
 * department hint of a registered VIN); modes 3 and 4 check it. Defensive: a decision that was not
 * an allow comes back unchanged.
 */
export function authorizeVin(start: AllowedAuthDecision, reading: VinReading, view: WhitelistView, policy: AuthPolicy): AuthDecision {
  if (start.verdict !== 'allow') return start;
  const vehicle = reading.vin !== null ? view.vehicleByVin(reading.vin) : undefined;
  const d: AuthDecision = { ...start, stage: 'vin', vin: vinRecord(reading, vehicle) };
  switch (start.mode) {
    case 1:
      return { ...d, attribution: { kind: 'by-cloud', hintDepartmentId: vehicle?.departmentId ?? null } };
    case 2:
      return d;
    case 3: {
      const bad = vinRefusal(reading, vehicle);
      if (bad) return refuse(d, bad);
      // Same department as the card (docs/charging-modes.md mode 3: exactly the same node, not a sub-department).
      if (vehicle!.departmentId !== start.credential.departmentId) return refuse(d, 'vin-other-department');
      const refusal = departmentRefusal(view.department(vehicle!.departmentId!), policy);
      if (refusal) return refuse(d, refusal);
      return { ...d, attribution: { kind: 'department', departmentId: vehicle!.departmentId! } };
    }
    case 4: {
      const bad = vinRefusal(reading, vehicle);
      if (bad) return refuse(d, bad);
      const deptId = vehicle!.departmentId;
      if (deptId === null) return refuse(d, 'vehicle-no-department');
      const dept = view.department(deptId);
      const refusal = departmentRefusal(dept, policy);
      if (refusal) return refuse(d, refusal);
      return {
        ...d,
        payer: { kind: 'department', departmentId: deptId },
        attribution: { kind: 'department', departmentId: deptId },
        // Snapshot (docs/charging-modes.md mode 4): the hash valid now stops this session, whatever changes later.
        stopBy:
          dept!.stopPasswordHash === null
            ? []
            : [
                {
                  kind: 'stop-password',
                  departmentId: deptId,
                  hash: dept!.stopPasswordHash,
                  passwordVersion: dept!.stopPasswordVersion,
                },
              ],
      };
    }
    default:
      return d;
  }
}
