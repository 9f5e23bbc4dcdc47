// Attribution of a finished session to a department (MODES.md "Attribution" per mode), read from the
// registry at ingest time through a small lookup port. Mode 1: vehicle by VIN, else by plate, else
// unattributed (null). Mode 2: the card's member's department. Modes 3 and 4: the vehicle's
// department (VIN, then plate), then (mode 3) the card's department. Last resort: the department the
// pile reported, if it still exists.
import type { SessionRecord } from '../../../pile-agent/contract.js';
import { cloudId } from '../shared/wire-ids.js';

export interface RegistryLookup {
  vehicleByVin(vin: string): { vin: string; plate: string; departmentId: number } | null;
  vehicleByPlate(plate: string): { vin: string; plate: string; departmentId: number } | null;
  cardDepartment(cardNo: string): number | null | undefined; // undefined = card unknown
  departmentExists(id: number): boolean;
}

export interface Attribution {
  departmentId: number | null;
  /** The registered vehicle the session was matched to, if any. */
  vehicle: { vin: string; plate: string } | null;
}

export function attribute(r: SessionRecord, reg: RegistryLookup): Attribution {
  const vehicle = (r.vin !== null ? reg.vehicleByVin(r.vin) : null) ?? (r.plate !== null ? reg.vehicleByPlate(r.plate) : null);
  const cardDept = r.credential.kind === 'card' ? reg.cardDepartment(r.credential.cardNo) ?? null : null;
  const reportedId = cloudId(r.attributedDepartmentId);
  const reported = reportedId !== null && reg.departmentExists(reportedId) ? reportedId : null;
  const v = vehicle ? { vin: vehicle.vin, plate: vehicle.plate } : null;
  switch (r.mode) {
    case 1:
      return { departmentId: vehicle?.departmentId ?? null, vehicle: v };
    case 2:
      return { departmentId: cardDept ?? reported, vehicle: v };
    case 3:
      return { departmentId: vehicle?.departmentId ?? cardDept ?? reported, vehicle: v };
    case 4:
      return { departmentId: vehicle?.departmentId ?? reported, vehicle: v };
  }
}
