// Act 3: an old bus with a 2011 BMS (reference §2.6, vector B): it never answers CHM, so the charger
// falls back to identification after the BHM wait; its 41-byte BRM carries no VIN (`absent`). The
// demo pile runs MODES.md mode 4 (VIN only), so a VIN-less bus is refused before CRM 0xAA; a later
// act adds the card reader, with which such a bus charges in mode 2.
import { expect, type Act, type Expectation } from '../act.js';
import { framesWithId, messagesNamed } from '../bus-log.js';
import { narrate } from '../narrator.js';
import { closedForCharging } from '../session-record.js';

const BHM_ID = 0x182756f4;

export const legacy2011Act: Act = {
  id: 'legacy-2011',
  title: 'an old 2011 bus without VIN: BHM fallback, VIN absent',
  async run({ rig, registry, timing, say }): Promise<Expectation[]> {
    say(`  an old bus plugs in: 2011 BMS (no BHM, 41-byte BRM, no VIN); charger falls back after ${timing.bhmFallbackMs / 1000} s of CHM`);
    const sim = await rig.plugSim({ vin: null, edition: '2011', settings: { timing: { crmAaTimeoutMs: timing.bmsCrmAaTimeoutMs } } });
    const quiet = narrate(rig, registry, say);
    const s = rig.startSession();
    try {
      await s.ended(timing.sessionBoundMs).catch(() => undefined);
    } finally {
      quiet();
      s.dispose();
    }
    const seen = sim.observations;
    await rig.unplugSim();
    const r = s.record;
    const bus = rig.busLog.since(s.busMark);
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
