// A small depot for the decision tables: one department, card and vehicle per situation of
// docs/charging-modes.md (bound / not bound, can pay / cannot, VIN-only on / off, offline allowed / not),
// loaded into the in-memory repository through a snapshot page. Data only.
import { MemoryWhitelistRepo } from './whitelist.memory-repo.js';
import { aCard, aDepartment, aVehicle, aVin, snapshotPage } from './whitelist.builders.js';
import type { WhitelistRowOf } from './whitelist-page.js';

export const VIN = {
  fleet3: aVin(3), // D3: VIN-only fleet
  fleet3other: aVin(33), // D3X: another VIN-only fleet
  fleet2: aVin(2), // D2: card-per-vehicle fleet
  fleet4: aVin(4), // D4: mixed-fleet department for mode 4
  notBound: aVin(40), // DNB
  poor: aVin(41), // DPOOR
  noDepartment: aVin(42), // registered, no department
  ghostDepartment: aVin(43), // department not in the cache
  offlineDenied: aVin(44), // DOFF
  unregistered: aVin(99),
} as const;

export const departments: WhitelistRowOf['department'][] = [
  aDepartment({ id: 'D2', name: '二公司一车队' }),
  aDepartment({ id: 'D3', name: '公交车队1', vinOnly: true }),
  aDepartment({ id: 'D3X', name: '公交车队2', vinOnly: true }),
  aDepartment({ id: 'D4', name: '四公司', stopPasswordVersion: 1 }),
  aDepartment({ id: 'DNB', name: '外站车队', boundHere: false }),
  aDepartment({ id: 'D3NB', name: '外站VIN车队', vinOnly: true, boundHere: false }),
  aDepartment({ id: 'DPOOR', name: '欠费车队', canPay: false }),
  aDepartment({ id: 'DOFF', name: '仅在线车队', offlineAllowed: false }),
];

export const cards: WhitelistRowOf['card'][] = [
  aCard({ cardNo: 'ADMIN01', memberId: 'M-ADMIN', memberName: '站点通卡A', memberKind: 'virtual', departmentId: null, stationAdmin: true }),
  aCard({ cardNo: 'ADMINPOOR', memberId: 'M-ADMIN2', memberName: '站点通卡B', memberKind: 'virtual', departmentId: null, stationAdmin: true, memberCanPay: false }),
  aCard({ cardNo: 'ADMINOFF', memberId: 'M-ADMIN3', memberName: '站点通卡C', memberKind: 'virtual', departmentId: null, stationAdmin: true, offlineAllowed: false }),
  aCard({ cardNo: 'C002', memberId: 'M2', memberName: '沪A32567', departmentId: 'D2' }),
  aCard({ cardNo: 'C003', memberId: 'M3', memberName: '公交车队1', memberKind: 'virtual', departmentId: 'D3' }),
  aCard({ cardNo: 'C0NB', memberId: 'M4', departmentId: 'DNB' }),
  aCard({ cardNo: 'C3NB', memberId: 'M5', memberKind: 'virtual', departmentId: 'D3NB' }),
  aCard({ cardNo: 'CPOOR', memberId: 'M6', departmentId: 'DPOOR' }),
  aCard({ cardNo: 'COFF', memberId: 'M7', departmentId: 'DOFF' }),
  aCard({ cardNo: 'CNODEPT', memberId: 'M8', departmentId: null }),
  aCard({ cardNo: 'CGHOST', memberId: 'M9', departmentId: 'DGONE' }),
];

export const vehicles: WhitelistRowOf['vehicle'][] = [
  aVehicle({ vin: VIN.fleet3, plate: '沪A10003', departmentId: 'D3' }),
  aVehicle({ vin: VIN.fleet3other, plate: '沪A10033', departmentId: 'D3X' }),
  aVehicle({ vin: VIN.fleet2, plate: '沪A10002', departmentId: 'D2' }),
  aVehicle({ vin: VIN.fleet4, plate: '沪A10004', departmentId: 'D4' }),
  aVehicle({ vin: VIN.notBound, plate: '苏E10040', departmentId: 'DNB' }),
  aVehicle({ vin: VIN.poor, plate: '沪A10041', departmentId: 'DPOOR' }),
  aVehicle({ vin: VIN.noDepartment, plate: '沪A10042', departmentId: null }),
  aVehicle({ vin: VIN.ghostDepartment, plate: '沪A10043', departmentId: 'DGONE' }),
  aVehicle({ vin: VIN.offlineDenied, plate: '沪A10044', departmentId: 'DOFF' }),
];

/** The depot at version 100, with optional replacement rows (e.g. D4 with a real stop-password hash). */
export function depotRepo(override: { departments?: WhitelistRowOf['department'][] } = {}): MemoryWhitelistRepo {
  const repo = new MemoryWhitelistRepo();
  const byId = new Map(departments.map((d) => [d.id, d]));
  for (const d of override.departments ?? []) byId.set(d.id, d);
  const r = repo.applyPage(snapshotPage(100, { departments: [...byId.values()], cards, vehicles }));
  if (!r.ok) throw new Error(`depot fixture rejected: ${JSON.stringify(r.error)}`);
  return repo;
}
