// End to end over real pty pairs (BMS simulator ⇄ SlcanCanChannel ⇄ virtual bus ⇄ SlcanCanChannel ⇄
// the agent's GbtChargerLink): a registered VIN is allowed at the end of the first BRM (reference
// §4.6 decision point), CRM 0xAA follows, K1/K2 close for charging only after the allow, CRO 0xAA
// and CCS flow (§4.2 S4–S7); and the BMS-initiated stop at its SOC target (§4.7) ends with statistics.
import { describe, expect, it } from 'vitest';
import { bstAtTargetSoc } from '../../src/sims/bms/behaviors/index.js';
import { framesWithId, messagesNamed } from './harness/bus-log.js';
import { closedForCharging, phaseNames } from './harness/link-transcript.js';
import { ID, REGISTERED_VIN, pile } from './gbt-e2e.helpers.js';

describe('GB/T end to end over SLCAN ptys: allowed VIN', () => {
  it('§4.6/§4.2: a registered VIN reaches charging — CRM 0xAA after the allow, K1/K2 close after it, CRO 0xAA, CCS flowing', async () => {
    const { rig, registry } = await pile();
    await rig.plugSim({ vin: REGISTERED_VIN, edition: '2015' });
    const s = rig.startSession();
    await s.reached('charging', 10_000);
    await new Promise((r) => setTimeout(r, 400)); // CCS every 50 ms
    rig.link.stop('manual', 'test done');
    const end = await s.ended(10_000);

    expect(s.record.vin).toMatchObject({ vin: REGISTERED_VIN, vinStatus: 'valid' });
    expect(registry.decisions).toEqual([{ vin: REGISTERED_VIN, vinStatus: 'valid', decision: { allow: true } }]);
    const allowAt = s.record.decision!.atMs;
    const chargingClose = s.record.contactors.filter((c) => c.closed && c.purpose === 'charging');
    expect(chargingClose).toHaveLength(1);
    expect(chargingClose[0].atMs).toBeGreaterThan(allowAt);
    expect(phaseNames(s.record)).toEqual(['handshake', 'insulation', 'identification', 'deciding', 'identified', 'parameters', 'output-prep', 'charging', 'stopping', 'statistics', 'ended']);
    expect(end).toEqual({ outcome: 'stopped', reason: 'local-stop:test done' });

    // What the wire says (the bus's own log), in bus order.
    const bus = rig.busLog.since(s.busMark);
    const crms = messagesNamed(bus, 'CRM');
    const firstAa = crms.findIndex((c) => c.recognized);
    expect(firstAa).toBeGreaterThan(0); // CRM 0x00 first, then 0xAA
    expect(crms.slice(firstAa).every((c) => c.recognized)).toBe(true); // never back to 0x00 (§4.4)
    const brmDone = bus.findIndex((e) => e.message?.name === 'BRM');
    const crmAaAt = bus.findIndex((e) => e.message?.name === 'CRM' && e.message.recognized);
    expect(brmDone).toBeGreaterThan(-1);
    expect(crmAaAt).toBeGreaterThan(brmDone);
    expect(messagesNamed(bus, 'CRO').map((c) => c.status)).toContain('ready');
    expect(framesWithId(bus, ID.CCS).length).toBeGreaterThanOrEqual(4);
    expect(messagesNamed(bus, 'CCS').some((c) => c.outputCurrentDeciA > 0)).toBe(true);
    // The simulator's own record agrees.
    expect(rig.sim.observations.sawCrmAA).toBe(true);
    expect(rig.sim.observations.phases.map((p) => p.phase)).toContain('charging');
    expect(rig.sim.observations.last.CST).toMatchObject({ manualStop: 1 });
  });

  it('§4.7 BMS-initiated stop at the SOC target: BST 01 00 00 F0, CST 40 00 F0 F0, BSD/CSD statistics, clean end', async () => {
    const { rig } = await pile({ speed: 50 });
    await rig.plugSim({
      vin: REGISTERED_VIN,
      edition: '2015',
      behavior: bstAtTargetSoc(80),
      settings: { battery: { startSocPermille: 795, socSpeed: 50 } },
    });
    const s = rig.startSession();
    const end = await s.ended(20_000);

    expect(end).toEqual({ outcome: 'stopped', reason: 'bms-stop:socTargetReached' });
    expect(closedForCharging(s.record)).toBe(true);
    expect(phaseNames(s.record).slice(-4)).toEqual(['charging', 'stopping', 'statistics', 'ended']);
    expect(s.record.commErrors).toEqual([]);
    expect(s.record.lastBcs?.socPercent).toBeGreaterThanOrEqual(79);

    const bus = rig.busLog.since(s.busMark);
    const bst = messagesNamed(bus, 'BST');
    expect(bst.length).toBeGreaterThan(0);
    expect(bst[0]).toMatchObject({ socTargetReached: 1 });
    expect(framesWithId(bus, ID.CST).some((e) => e.frame.data[0] === 0x40)).toBe(true); // "because the BMS stopped"
    const bsd = messagesNamed(bus, 'BSD');
    expect(bsd[0]?.socPercent).toBeGreaterThanOrEqual(80);
    const csd = messagesNamed(bus, 'CSD');
    expect(csd.length).toBeGreaterThan(0);
    expect(csd.at(-1)).toMatchObject({ chargerNumber: 123456 });
    expect(csd.at(-1)!.energyDeciKwh).toBeGreaterThan(0); // the power stage's meter fed CSD
    // K1/K2 opened, aux power off: the link's last actions; the BMS ended in `done` after CSD.
    expect(s.record.contactors.at(-1)).toMatchObject({ closed: false });
    expect(s.record.aux.map((a) => a.on)).toEqual([true, false]);
    expect(rig.sim.phase).toBe('done');
    expect(rig.sim.observations.last.CSD).toBeDefined();
    // Nothing periodic survives the end.
    const after = rig.busLog.entries.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(rig.busLog.entries.length).toBe(after);
  });
});
