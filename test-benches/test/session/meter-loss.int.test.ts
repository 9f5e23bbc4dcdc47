// The meter falls silent while a session charges (sim rig, real ptys): the meter driver raises
// `meter.comm-loss` after its retries, the session stops with reason `fault` (CST to the BMS) and is
// closed from the last journaled sample, since the meter stop cannot be read.
import { afterEach, describe, expect, it } from 'vitest';
import { readJournal, startAgentOnRig, until, UID_MODE2, VIN_REGISTERED, type AgentOnRig } from './agent-on-rig.js';

let env: AgentOnRig | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

describe('meter lost while charging', () => {
  it('stops with fault and closes from the last sample', async () => {
    env = await startAgentOnRig();
    const { rig, agent } = env;
    await rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    rig.presentCard(UID_MODE2);
    await until('a meter sample', () => readJournal(String(env!.config.dataDir)).events.some((e) => e.kind === 'meter'), 30_000);
    rig.meters.get(1)!.inject({ kind: 'silence' });
    await until('finished', () => agent.introspection.connectors()[0].phase === 'finished', 30_000);
    const j = readJournal(String(env.config.dataDir));
    const lastSample = j.events.filter((e) => e.kind === 'meter').at(-1)!.data.energyWh;
    expect(j.sessions[0]).toMatchObject({ stop_reason: 'fault', stop_detail: 'meter.comm-loss', meter_stop_wh: lastSample });
    expect(agent.introspection.faults().map((f) => f.code)).toContain('meter.comm-loss');
    expect(rig.bms(1)!.observations.last.CST).toBeDefined();
    rig.meters.get(1)!.clearFaults();
  }, 60_000);
});
