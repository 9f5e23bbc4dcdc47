// Act 3: an old bus with a 2011 BMS (reference §2.6, vector B): it never answers CHM, so the charger
// falls back to identification after the BHM wait; its 41-byte BRM carries no VIN (`absent`). The
// demo pile runs MODES.md mode 4 (VIN only), so a VIN-less bus is refused before CRM 0xAA; a later
// act adds the card reader, with which such a bus charges in mode 2.
import { expect, type Act, type Expectation } from '../act.js';
import { framesWithId, messagesNamed } from '../bus-log.js';
import { closedForCharging } from '../session-record.js';
import { playBus } from './play-bus.js';

const BHM_ID = 0x182756f4;

export const legacy2011Act: Act = {
  id: 'legacy-2011',
  title: 'an old 2011 bus without VIN: BHM fallback, VIN absent',
  async run(scene): Promise<Expectation[]> {
    const { timing, say } = scene;
    say(`  an old bus plugs in: 2011 BMS (no BHM, 41-byte BRM, no VIN); charger falls back after ${timing.bhmFallbackMs / 1000} s of CHM`);
    const { seen, record: r, bus } = await playBus(scene, { vin: null, edition: '2011' });
    const [handshake, next] = r.phases;
    const brm = messagesNamed(bus, 'BRM')[0];
    return [
      expect('no BHM on the bus (a 2011 BMS stays silent on CHM)', framesWithId(bus, BHM_ID).length === 0 && seen.sawChm),
      expect('the charger fell back after the BHM wait', next?.to === 'insulation' && next.atMs - handshake.atMs >= timing.bhmFallbackMs - 20, r.phases.slice(0, 2)),
      expect('BRM is the 41-byte 2011 form', brm?.length === 41 && brm.edition === '2011', brm && { length: brm.length, edition: brm.edition }),
      expect('vinStatus is absent', r.vin?.vin === null && r.vin.vinStatus === 'absent', r.vin),
      expect('mode 4 refuses a VIN-less bus (vin-absent) before CRM 0xAA', r.end?.outcome === 'refused' && r.end.reason === 'vin-absent' && !seen.sawCrmAA, r.end),
      expect('K1/K2 never close for charging', !closedForCharging(r), r.contactors),
    ];
  },
};
