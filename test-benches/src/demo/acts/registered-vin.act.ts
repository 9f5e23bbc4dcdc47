// Act 1: a registered 2015 bus plugs in and charges (reference §4.2 S1–S9, vector A): BHM, BRM with
// a valid VIN, decision ALLOW, CRM 0xAA, K1/K2 close for charging after the allow, CRO 0xAA and CCS,
// then the BMS stops at its SOC target (BST → CST → BSD/CSD) and the session ends with statistics.
import { bstAtTargetSoc } from '../../sims/bms/behaviors/index.js';
import { expect, type Act, type Expectation } from '../act.js';
import { messagesNamed } from '../bus-log.js';
import { narrate } from '../narrator.js';
import { closedForCharging } from '../session-record.js';
import { DEMO_VEHICLES } from '../vin-registry.js';

/** The battery charges ×40 faster than real time so two percent take a few seconds. */
export const DEMO_SOC_SPEED = 40;

export const registeredVinAct: Act = {
  id: 'registered',
  title: 'a registered 2015 bus charges until its BMS stops at the SOC target',
  async run({ rig, registry, timing, say }): Promise<Expectation[]> {
    const vehicle = DEMO_VEHICLES[0];
    say(`  bus ${vehicle.plate} (${vehicle.department}) plugs in: 2015 BMS, VIN ${vehicle.vin}, SOC 78.0 %, stops at 80 % (battery time ×${DEMO_SOC_SPEED})`);
    await rig.plugSim({
      vin: vehicle.vin,
      edition: '2015',
      behavior: bstAtTargetSoc(80),
      settings: { battery: { startSocPermille: 780, socSpeed: DEMO_SOC_SPEED }, timing: { crmAaTimeoutMs: timing.bmsCrmAaTimeoutMs } },
    });
    const quiet = narrate(rig, registry, say);
    const s = rig.startSession();
    try {
      await s.ended(timing.sessionBoundMs).catch(() => undefined);
    } finally {
      quiet();
      s.dispose();
      await rig.unplugSim();
    }
    const r = s.record;
    const bus = rig.busLog.since(s.busMark);
    const allowAt = r.decision?.atMs ?? Infinity;
    const chargingClose = r.contactors.find((c) => c.closed && c.purpose === 'charging');
    const csd = messagesNamed(bus, 'CSD').at(-1);
    return [
      expect('the VIN is read from BRM as valid', r.vin?.vin === vehicle.vin && r.vin.vinStatus === 'valid', r.vin),
      expect('the decision is ALLOW', r.decision?.decision.allow === true, r.decision?.decision),
      expect('CRM 0xAA is on the bus after the decision', messagesNamed(bus, 'CRM').some((c) => c.recognized)),
      expect('K1/K2 close for charging only after the allow', closedForCharging(r) && (chargingClose?.atMs ?? 0) > allowAt, r.contactors),
      expect('CRO 0xAA and CCS flow', messagesNamed(bus, 'CRO').some((c) => c.status === 'ready') && messagesNamed(bus, 'CCS').length > 5),
      expect('the BMS stops with BST "SOC target reached"', messagesNamed(bus, 'BST')[0]?.socTargetReached === 1),
      expect('statistics are exchanged (BSD, CSD with energy)', messagesNamed(bus, 'BSD').length > 0 && (csd?.energyDeciKwh ?? 0) > 0, csd),
      expect('the session ends stopped (bms-stop:socTargetReached)', r.end?.outcome === 'stopped' && r.end.reason === 'bms-stop:socTargetReached', r.end),
    ];
  },
};
