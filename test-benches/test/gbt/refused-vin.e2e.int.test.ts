// End to end over real pty pairs: refusals before any energy flows (reference §4.6 option 1, vector
// C). An unregistered VIN and a VIN with a wrong check digit (§3.6) complete the BRM transfer
// (EndOfMsgAck) but never get CRM 0xAA; no CML, CRO or CCS; K1/K2 never close for charging; the BMS
// gives up with BEM F4 F0 F0 FC and the refusal reason is recorded — checked on the virtual bus's log
// and on the simulator's own record, not only on what the agent says.
import { describe, expect, it } from 'vitest';
import { badCheckDigit } from '../../src/sims/bms/behaviors/index.js';
import type { BmsSimConfig } from '../../src/sims/bms/gbt-bms.sim.js';
import { framesWithId, messagesNamed } from './harness/bus-log.js';
import { closedForCharging, phaseNames } from './harness/link-transcript.js';
import { UNREGISTERED_VIN } from './vin-registry.fixture.js';
import { ID, REGISTERED_VIN, pile, text } from './gbt-e2e.helpers.js';

/** The BMS gives up 1.5 s after its first BRM instead of 5 s (§4.3), so the suite stays fast. */
const QUICK_BEM: BmsSimConfig['settings'] = { timing: { crmAaTimeoutMs: 1_500 } };

async function refusedSession(config: BmsSimConfig) {
  const { rig, registry } = await pile();
  await rig.plugSim(config);
  const s = rig.startSession();
  const end = await s.ended(10_000);
  return { rig, registry, s, end, bus: rig.busLog.since(s.busMark) };
}

describe('GB/T end to end over SLCAN ptys: refused VIN', () => {
  it('§4.6 option 1 / vector C: an unregistered VIN never sees CRM 0xAA nor a K1/K2 close for charging; the reason is recorded', async () => {
    const { rig, registry, s, end, bus } = await refusedSession({ vin: UNREGISTERED_VIN, edition: '2015', settings: QUICK_BEM });

    // The agent's account.
    expect(s.record.vin).toMatchObject({ vin: UNREGISTERED_VIN, vinStatus: 'valid' });
    expect(s.record.decision?.decision).toEqual({ allow: false, reason: 'vin-not-registered' });
    expect(end).toEqual({ outcome: 'refused', reason: 'vin-not-registered' });
    expect(registry.decisions.map((d) => d.decision)).toEqual([{ allow: false, reason: 'vin-not-registered' }]);
    expect(closedForCharging(s.record)).toBe(false);
    expect(phaseNames(s.record)).toEqual(['handshake', 'insulation', 'identification', 'deciding', 'refusing', 'refused']);
    expect(s.record.aux.map((a) => a.on)).toEqual([true, false]);

    // The wire's account (the virtual bus's log).
    const crms = messagesNamed(bus, 'CRM');
    expect(crms.length).toBeGreaterThan(2); // CRM 00 kept going while the BMS repeated BRM
    expect(crms.every((c) => !c.recognized)).toBe(true);
    expect(framesWithId(bus, ID.CRM).every((e) => e.frame.data[0] === 0x00)).toBe(true);
    expect(bus.some((e) => e.transport?.type === 'eoma' && e.transport.pgn === 0x000200)).toBe(true); // TP completed normally
    expect(messagesNamed(bus, 'BRM')[0]).toMatchObject({ vin: UNREGISTERED_VIN });
    for (const id of [ID.CML, ID.CRO, ID.CCS]) expect(framesWithId(bus, id).map(text)).toEqual([]);
    expect(framesWithId(bus, ID.BEM).map(text)[0]).toBe('081E56F4#F4F0F0FC'); // BEM: CRM 0xAA timeout
    const bemAt = framesWithId(bus, ID.BEM)[0].atMs;
    expect(s.record.end!.atMs - bemAt).toBeLessThan(1_000); // the BEM ended it, not the 4 s refusal bound

    // The simulator's own account.
    expect(rig.sim.observations.sawCrmAA).toBe(false);
    expect(rig.sim.observations.sawCrm00).toBe(true);
    expect(rig.sim.observations.last.CRO).toBeUndefined();
    expect(rig.sim.observations.lastBem).toMatchObject({ crmAA: 1 });
    expect(rig.sim.observations.phases.map((p) => p.phase)).not.toContain('parameters');
    expect(rig.sim.observations.phases.map((p) => p.phase)).not.toContain('charging');
  });

  it('§3.6: a VIN with a wrong check digit is reported `bad-check-digit` and refused before CRM 0xAA', async () => {
    const { rig, s, end, bus } = await refusedSession({ vin: REGISTERED_VIN, edition: '2015', behavior: badCheckDigit(), settings: QUICK_BEM });
    const sent = rig.sim.settings.vin!;
    expect(sent).not.toBe(REGISTERED_VIN);
    expect(sent.slice(0, 8) + sent.slice(9)).toBe(REGISTERED_VIN.slice(0, 8) + REGISTERED_VIN.slice(9)); // only position 9 differs
    expect(s.record.vin).toEqual({ vin: sent, vinStatus: 'bad-check-digit', atMs: expect.any(Number) });
    expect(end).toEqual({ outcome: 'refused', reason: 'vin-bad-check-digit' });
    expect(messagesNamed(bus, 'CRM').every((c) => !c.recognized)).toBe(true);
    expect(messagesNamed(bus, 'BRM')[0]).toMatchObject({ vin: sent, vinStatus: 'bad-check-digit' });
    expect(rig.sim.observations.sawCrmAA).toBe(false);
    expect(closedForCharging(s.record)).toBe(false);
  });
});
