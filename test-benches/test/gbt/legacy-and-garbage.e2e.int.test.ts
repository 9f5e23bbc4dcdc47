// End to end over real pty pairs: a 2011 BMS (no BHM, 41-byte BRM without VIN, reference §2.6 and
// vector B) makes the charger fall back from the handshake after the BHM wait and report the VIN as
// `absent`; and garbage on the bus — the simulator's junk frames (`garbage-frames`), frames injected
// by an outside node and raw non-SLCAN bytes on the agent's serial line — does not derail a session.
import { describe, expect, it } from 'vitest';
import { hex } from '../../../pile-agent/ports.js';
import { garbageFrames } from '../../src/sims/bms/behaviors/index.js';
import { framesWithId, messagesNamed } from './harness/bus-log.js';
import { VinRegistry } from './vin-registry.fixture.js';
import { closedForCharging, phaseNames } from './harness/link-transcript.js';
import { ID, REGISTERED_VIN, pile } from './gbt-e2e.helpers.js';

describe('GB/T end to end over SLCAN ptys: 2011 BMS and garbage', () => {
  it('§2.6 / vector B: a 2011 BMS without VIN — no BHM, fallback to CRM after the BHM wait, VIN `absent`', async () => {
    // Product policy for this test: VIN-less vehicles may charge (vector B row 12).
    const registry = new VinRegistry([], { allowAbsentVin: true });
    const { rig } = await pile({ registry });
    await rig.plugSim({ vin: null, edition: '2011' });
    const s = rig.startSession();
    await s.reached('charging', 10_000);
    rig.link.stop('manual', 'test done');
    await s.ended(10_000);

    expect(s.record.vin).toMatchObject({ vin: null, vinStatus: 'absent' });
    expect(registry.decisions).toEqual([{ vin: null, vinStatus: 'absent', decision: { allow: true } }]);
    // The fallback (§4.2 S1): CHM unanswered for the BHM wait (400 ms here), then insulation and CRM.
    expect(phaseNames(s.record).slice(0, 3)).toEqual(['handshake', 'insulation', 'identification']);
    const [handshake, insulation] = s.record.phases;
    expect(insulation.atMs - handshake.atMs).toBeGreaterThanOrEqual(380);

    const bus = rig.busLog.since(s.busMark);
    expect(framesWithId(bus, ID.BHM)).toEqual([]); // the 2011 BMS never answered CHM
    expect(messagesNamed(bus, 'CHM').length).toBeGreaterThan(0);
    const brm = messagesNamed(bus, 'BRM')[0];
    expect(brm).toMatchObject({ length: 41, edition: '2011', vin: null, vinStatus: 'absent' });
    expect(rig.sim.observations.sawChm).toBe(true);
    expect(rig.sim.observations.framesSent.BHM ?? 0).toBe(0);
    expect(closedForCharging(s.record)).toBe(true);
  });

  it('§1.4/§7.6: junk frames from the BMS side, injected frames and raw garbage on the serial line do not derail a session', async () => {
    const { rig, logger } = await pile();
    await rig.plugSim({ vin: REGISTERED_VIN, edition: '2015', behavior: garbageFrames({ seed: 7, probability: 0.5 }) });
    const s = rig.startSession();
    // An outside node and a noisy adapter line, while identification runs.
    rig.bus.inject({ id: 0x18ff56f4, extended: true, data: hex('0102030405060708') }); // unknown PGN to the charger
    rig.bus.inject({ id: 0x181056f4, extended: true, data: hex('50') }); // BCL, DLC 1
    rig.bus.inject({ id: 0x1ceb56f4, extended: true, data: hex('09FFFFFFFFFFFFFF') }); // a DT nobody announced
    rig.bus.inject({ id: 0x123, extended: false, data: hex('DEAD') });
    await rig.bus.injectRaw(0, '\x00\xffnot slcan at all\rT1CEB56F4\r');
    await s.reached('charging', 10_000);
    await new Promise((r) => setTimeout(r, 300));
    rig.link.stop('manual', 'test done');
    const end = await s.ended(10_000);

    expect(end).toEqual({ outcome: 'stopped', reason: 'local-stop:test done' });
    expect(s.record.vin).toMatchObject({ vin: REGISTERED_VIN, vinStatus: 'valid' });
    expect(s.record.commErrors).toEqual([]);
    expect(closedForCharging(s.record)).toBe(true);
    const bus = rig.busLog.since(s.busMark);
    const junk = bus.filter((e) => !e.frame.extended || ((e.frame.id & 0xff) !== 0xf4 && (e.frame.id & 0xff) !== 0x56));
    expect(junk.length).toBeGreaterThan(0); // the simulator's junk (other addresses, standard frames) really was on the bus
    expect(rig.sim.observations.ignored.bad).toBe(0); // the charger sent nothing malformed back
    // The agent logged what it rejected and carried on.
    expect(logger.records.filter((r) => r.level === 'warn').length).toBeGreaterThan(0);
    expect(messagesNamed(bus, 'CCS').length).toBeGreaterThan(0);
  });
});
