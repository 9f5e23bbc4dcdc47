// The cloud's own decision about a finished session (docs/charging-modes.md, rules 1–3; contract page "What
// the cloud checks"): from what started it (the credential) and what the bus sent (its
// VIN), against the cloud's registry and the pile's station — never from the payer, mode or department
// the pile reports. Mode follows the credential (rule 1); a card or vehicle whose department is not bound
// to the station pays nothing (rule 2); mode 3 needs a registered vehicle of the card's own department;
// mode 4 a registered vehicle (VIN, then plate). The pile's claims are then compared with this decision,
// and any difference is a dispute: billed to nobody, shown to the operator with its reason. Pure, over a
// small registry port.
import type { SessionRecord } from '../../../pile-agent/contract.js';
import { cloudId } from '../shared/wire-ids.js';

export interface EntitlementRegistry {
  card(cardNo: string): { readonly memberId: number; readonly departmentId: number | null } | undefined;
  stationAdmin(stationId: number): number | null;
  stationHasFixedPassword(stationId: number): boolean;
  vehicleByVin(vin: string): { vin: string; plate: string; departmentId: number } | null;
  vehicleByPlate(plate: string): { vin: string; plate: string; departmentId: number } | null;
  /** undefined: no such department. */
  departmentVinOnly(id: number): boolean | undefined;
  bound(departmentId: number, stationId: number): boolean;
}

export type DisputeReason =
  | 'card-unknown'
  | 'card-without-department'
  | 'department-unknown'
  | 'department-not-bound'
  | 'no-fixed-password'
  | 'vin-absent'
  | 'vin-unregistered'
  | 'vehicle-other-department'
  | 'remote-start-not-issued'
  | 'mode-mismatch'
  | 'payer-mismatch'
  | 'time-implausible'
  | 'energy-implausible'
  | 'balance-out-of-range';

export type Entitlement =
  | {
      readonly ok: true;
      readonly mode: 1 | 2 | 3 | 4;
      readonly payer: { readonly kind: 'member' | 'department'; readonly id: number };
      /** The department the session is attributed to (null: unattributed, mode 1 only). */
      readonly departmentId: number | null;
      readonly vehicle: { readonly vin: string; readonly plate: string } | null;
    }
  | { readonly ok: false; readonly reason: DisputeReason; readonly detail: string };

const no = (reason: DisputeReason, detail: string): Entitlement => ({ ok: false, reason, detail });

function vehicleOf(r: SessionRecord, reg: EntitlementRegistry) {
  return (r.vin !== null ? reg.vehicleByVin(r.vin) : null) ?? (r.plate !== null ? reg.vehicleByPlate(r.plate) : null);
}

/** Who pays and whom the session belongs to, as the cloud's registry decides (the pile's claims ignored). */
export function decideEntitlement(r: SessionRecord, reg: EntitlementRegistry): Entitlement {
  const station = r.stationId;
  const vehicle = vehicleOf(r, reg);
  const v = vehicle ? { vin: vehicle.vin, plate: vehicle.plate } : null;
  const mode1 = (adminId: number): Entitlement => ({ ok: true, mode: 1, payer: { kind: 'member', id: adminId }, departmentId: vehicle?.departmentId ?? null, vehicle: v });
  switch (r.credential.kind) {
    case 'password': {
      const admin = reg.stationAdmin(station);
      if (admin === null || !reg.stationHasFixedPassword(station)) return no('no-fixed-password', `station ${station} has no fixed password with an administrator who pays`);
      return mode1(admin);
    }
    case 'remote':
      return no('remote-start-not-issued', 'the cloud issues no remote starts: a session started remotely has no payer it can verify');
    case 'vin-button': {
      if (r.vin === null) return no('vin-absent', 'a VIN-button session needs the VIN the BMS sent');
      if (!vehicle) return no('vin-unregistered', `vehicle ${r.vin} is not registered`);
      if (!reg.bound(vehicle.departmentId, station)) return no('department-not-bound', `department ${vehicle.departmentId} of ${vehicle.vin} is not bound to station ${station}`);
      return { ok: true, mode: 4, payer: { kind: 'department', id: vehicle.departmentId }, departmentId: vehicle.departmentId, vehicle: v };
    }
    case 'card': {
      const card = reg.card(r.credential.cardNo);
      if (!card) return no('card-unknown', `card ${r.credential.cardNo} is not registered`);
      if (reg.stationAdmin(station) === card.memberId) return mode1(card.memberId);
      const dept = card.departmentId;
      if (dept === null) return no('card-without-department', `card ${r.credential.cardNo} belongs to a member of no department and is not station ${station}'s administrator`);
      const vinOnly = reg.departmentVinOnly(dept);
      if (vinOnly === undefined) return no('department-unknown', `department ${dept} does not exist`);
      if (!reg.bound(dept, station)) return no('department-not-bound', `department ${dept} of card ${r.credential.cardNo} is not bound to station ${station}`);
      if (!vinOnly) return { ok: true, mode: 2, payer: { kind: 'department', id: dept }, departmentId: dept, vehicle: v };
      if (r.vin === null) return no('vin-absent', `department ${dept} charges registered vehicles only and the BMS sent no VIN`);
      const byVin = reg.vehicleByVin(r.vin);
      if (!byVin) return no('vin-unregistered', `vehicle ${r.vin} is not registered`);
      if (byVin.departmentId !== dept) return no('vehicle-other-department', `vehicle ${r.vin} belongs to department ${byVin.departmentId}, the card to ${dept}`);
      return { ok: true, mode: 3, payer: { kind: 'department', id: dept }, departmentId: dept, vehicle: { vin: byVin.vin, plate: byVin.plate } };
    }
  }
}

/** The pile's claims against the cloud's decision: a different mode or payer is a dispute. */
export function compareClaims(r: SessionRecord, e: Entitlement & { ok: true }): Entitlement {
  if (r.mode !== e.mode) return no('mode-mismatch', `the pile reported mode ${r.mode}; its credential makes it mode ${e.mode}`);
  const claimed = r.payer === null ? null : r.payer.kind === 'member' ? { kind: 'member', id: cloudId(r.payer.memberId) } : { kind: 'department', id: cloudId(r.payer.departmentId) };
  if (!claimed || claimed.kind !== e.payer.kind || claimed.id !== e.payer.id)
    return no('payer-mismatch', `the pile named payer ${claimed ? `${claimed.kind} ${claimed.id ?? '?'}` : 'none'}; the registry says ${e.payer.kind} ${e.payer.id}`);
  return e;
}
