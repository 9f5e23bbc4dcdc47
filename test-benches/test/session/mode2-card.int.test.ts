// Mode 2 end to end through the composed agent on the sim rig (real ptys, real SQLite): a card on the
// PN532 reader starts the session, the BMS sends a VIN (recorded), the meter start is read before the
// link starts, samples are journaled while charging, the same card stops it, the meter stop is
// recorded and the finished record meets the wire contract; one outbox record per journal event.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionRecordIssues } from '../../../pile-agent/index.js';
import { readJournal, startAgentOnRig, until, UID_MODE2, VIN_REGISTERED, type AgentOnRig } from './agent-on-rig.js';

let env: AgentOnRig | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

describe('mode 2 card session through the composed agent', () => {
  it('card → charging with samples → same card → finished, meter start/stop recorded', async () => {
    env = await startAgentOnRig();
    const { rig, agent } = env;
    await rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    rig.presentCard(UID_MODE2);
    await until('charging', () => agent.introspection.connectors()[0].phase === 'charging');
    const sessionId = agent.introspection.connectors()[0].sessionId!;
    rig.removeCard();
    // The meter's output view reaches the BMS in CCS (600 V, 100 A at the sim's 60 kW). The first reading is
    // taken as charging starts, when the sim's current may still be 0: wait for the one under load.
    await until('CCS with the metered output', () => rig.bms(1)!.observations.last.CCS?.outputVoltageDeciV === 6000 && rig.bms(1)!.observations.last.CCS?.outputCurrentDeciA !== 0);
    expect(rig.bms(1)!.observations.last.CCS!.outputCurrentDeciA).toBe(1000);
    await until('two meter samples', () => agent.introspection.recentSessions(1)[0].lastMeterWh > agent.introspection.recentSessions(1)[0].meterStartWh + 10);
    rig.presentCard(UID_MODE2);
    await until('finished', () => agent.introspection.connectors()[0].phase === 'finished');

    const row = agent.introspection.recentSessions(1)[0];
    expect(row).toMatchObject({ sessionId, state: 'closed', mode: 2, credentialKind: 'card', vin: VIN_REGISTERED, vinStatus: 'valid', stopReason: 'user-card' });
    expect(row.meterStartWh).toBe(1_100_000);
    expect(row.meterStopWh!).toBeGreaterThan(row.meterStartWh);
    expect(rig.bms(1)!.observations.sawCrmAA).toBe(true);
    const meter = rig.meters.get(1)!.values.energyWh;
    expect(row.meterStopWh!).toBeLessThanOrEqual(meter);
    const j = readJournal(String(env.config.dataDir));
    const kinds = j.events.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['started', 'vin', 'charging']);
    expect(kinds.filter((k) => k === 'meter').length).toBeGreaterThanOrEqual(2);
    expect(kinds.at(-1)).toBe('stopped');
    expect(kinds.indexOf('stop-requested')).toBeGreaterThan(kinds.indexOf('charging')); // samples may follow it while the link stops
    expect(j.events.map((e) => e.seq)).toEqual(kinds.map((_k, i) => i + 1));
    expect(j.outbox.map((o) => o.key)).toEqual(j.events.map((e) => `${sessionId}:${e.seq}`));
    const record = j.events.at(-1)!.data;
    expect(sessionRecordIssues(record)).toEqual([]);
    expect(record).toMatchObject({ mode: 2, payer: { kind: 'department', departmentId: '11' }, attributedDepartmentId: '11', plate: '沪A32567', stationId: 1 });
  }, 60_000);
});
