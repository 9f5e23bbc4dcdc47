// The demo whitelist the bench rig writes next to its config: one department bound here (stop
// password 8888), one registered bus, a mode 2 card, a station-admin card and the fixed password
// 246810 — enough to try the four modes by hand. Ids are numeric, as the cloud's are.
import { hashSecret } from '../../../pile-agent/ports.js';
import { aCard, aDepartment, aFixedPassword, aVehicle, aVin, snapshotPage } from '../../../pile-agent/testing.js';

export const RIG_DEMO = {
  vin: aVin(101),
  unregisteredVin: aVin(909),
  mode2CardUid: '04A1B2C3',
  adminCardUid: '0A0B0C0D',
  fixedPassword: '246810',
  stopPassword: '8888',
} as const;

/** The snapshot page; `cardNo` maps a UID to the profile's card-number form. */
export async function rigDemoWhitelist(cardNo: (uidHex: string) => string): Promise<unknown> {
  return snapshotPage(1, {
    departments: [aDepartment({ id: '11', name: '公交一公司', vinOnly: false, stopPasswordHash: await hashSecret(RIG_DEMO.stopPassword), stopPasswordVersion: 1 })],
    vehicles: [aVehicle({ vin: RIG_DEMO.vin, plate: '沪A32567', departmentId: '11' })],
    cards: [
      aCard({ cardNo: cardNo(RIG_DEMO.mode2CardUid), memberId: '31', departmentId: '11' }),
      aCard({ cardNo: cardNo(RIG_DEMO.adminCardUid), memberId: '41', memberName: '站点通卡A', departmentId: null, stationAdmin: true }),
    ],
    fixedPasswords: [aFixedPassword({ id: '1', hash: await hashSecret(RIG_DEMO.fixedPassword), memberId: '41' })],
  });
}
