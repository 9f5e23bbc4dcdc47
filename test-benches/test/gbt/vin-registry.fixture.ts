// A test fixture of the GB/T end-to-end tests (GbtPileRig's decision): a registered, readable VIN
// may charge; an unregistered, absent, malformed or wrong-check-digit VIN is refused before CRM 0xAA
// (reference §4.6). An in-memory map; the product decides with the agent's SQLite whitelist and the
// pure authorization of pile-agent/src/domain/authorization (the depot demo and the sync tests).
import type { Brm } from '../../../pile-agent/protocols.js';
import type { Decision } from '../../../pile-agent/ports.js';

export interface RegisteredVehicle {
  readonly vin: string;
  readonly plate: string;
  readonly department: string;
}

export class VinRegistry {
  private readonly byVin = new Map<string, RegisteredVehicle>();
  /** Every decision taken, in order (the demo prints them; tests assert on them). */
  readonly decisions: { readonly vin: string | null; readonly vinStatus: Brm['vinStatus']; readonly decision: Decision }[] = [];

  /** `allowAbsentVin`: product policy that lets VIN-less vehicles charge (vector B row 12). Default false. */
  constructor(
    vehicles: readonly RegisteredVehicle[] = [],
    private readonly policy: { readonly allowAbsentVin?: boolean } = {},
  ) {
    for (const v of vehicles) this.byVin.set(v.vin, v);
  }

  lookup(vin: string): RegisteredVehicle | undefined {
    return this.byVin.get(vin);
  }

  /** The link's decision function (synchronous: a map lookup). */
  readonly decide = (brm: Brm): Decision => {
    const decision = this.decideFor(brm);
    this.decisions.push({ vin: brm.vin, vinStatus: brm.vinStatus, decision });
    return decision;
  };

  private decideFor(brm: Brm): Decision {
    switch (brm.vinStatus) {
      case 'absent':
        return this.policy.allowAbsentVin ? { allow: true } : { allow: false, reason: 'vin-absent' };
      case 'malformed':
        return { allow: false, reason: 'vin-malformed' };
      case 'bad-check-digit':
        return { allow: false, reason: 'vin-bad-check-digit' };
      case 'valid':
        return brm.vin !== null && this.byVin.has(brm.vin) ? { allow: true } : { allow: false, reason: 'vin-not-registered' };
    }
  }
}

/** The depot's registered buses in the demo (VIN of reference vector A, check digit valid). */
export const DEMO_VEHICLES: readonly RegisteredVehicle[] = [{ vin: 'LZYTBTE65K1012345', plate: '粤B·D12345', department: 'Fleet 1' }];

/** A valid VIN (check digit right) that is not registered: vector C's. */
export const UNREGISTERED_VIN = 'LZYTBTE67K1012346';
