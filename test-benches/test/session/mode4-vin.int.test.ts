// Mode 4 (VIN button) through the composed agent on the sim rig: a registered VIN charges and its
// department pays; an unregistered VIN is refused at BRM — the BMS simulator never sees CRM 0xAA and
// never reaches its charging phase, no `charging` event is journaled (GB/T 27930-2015 §10.2,
// docs/charging-modes.md rule 4); the stop password snapshotted at start still stops the session after the
// department changed it, and the new password does not.
import { afterEach, describe, expect, it } from 'vitest';
import { aDepartment, deltaPage, upsert } from '../../../pile-agent/testing.js';
import { hashSecret, nullLogger } from '../../../pile-agent/ports.js';
import { openDatabase, SqliteWhitelistRepo, databasePath } from '../../../pile-agent/index.js';
import { FAST, readJournal, startAgentOnRig, STOP_PASSWORD, until, VIN_REGISTERED, VIN_UNREGISTERED, type AgentOnRig } from './agent-on-rig.js';

let env: AgentOnRig | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

const phase = (e: AgentOnRig) => e.agent.introspection.connectors()[0].phase;

describe('mode 4: VIN button', () => {
  it('an unregistered VIN is refused before CRM 0xAA: no contactor close, closed as vin-refused', async () => {
    env = await startAgentOnRig();
    const bms = await env.rig.plug(1, { vin: VIN_UNREGISTERED, edition: '2015' });
    env.agent.commands.pressButton(1, 'vin-charge');
    await until('finished', () => phase(env!) === 'finished', 30_000);
    const row = env.agent.introspection.recentSessions(1)[0];
    expect(row).toMatchObject({ mode: 4, credentialKind: 'vin-button', vin: VIN_UNREGISTERED, stopReason: 'vin-refused', stopDetail: 'vin-unregistered' });
    expect(row.meterStopWh).toBe(row.meterStartWh);
    expect(bms.observations.sawCrm00).toBe(true);
    expect(bms.observations.sawCrmAA).toBe(false);
    expect(bms.observations.phases.map((p) => p.phase)).not.toContain('charging');
    expect(readJournal(String(env.config.dataDir)).events.map((e) => e.kind)).toEqual(['started', 'vin', 'stop-requested', 'stopped']);
  }, 60_000);

  it('a registered VIN charges; the snapshotted stop password stops it after the department changed it', async () => {
    env = await startAgentOnRig();
    await env.rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    env.agent.commands.pressButton(1, 'vin-charge');
    await until('charging', () => phase(env!) === 'charging', 30_000);
    expect(env.rig.bms(1)!.observations.sawCrmAA).toBe(true);

    // The cloud changes department 11's stop password while the session runs (a sync page lands).
    const { db } = openDatabase({ path: databasePath(String(env.config.dataDir)), logger: nullLogger });
    const repo = new SqliteWhitelistRepo({ db, logger: nullLogger });
    const changed = repo.applyPage(
      deltaPage(10, 11, [upsert('department', aDepartment({ id: '11', name: '公交一公司', stopPasswordHash: await hashSecret('1357', FAST), stopPasswordVersion: 2 }), 11)]),
    );
    db.close();
    expect(changed.ok).toBe(true);

    env.agent.commands.enterPassword(1, '1357');
    const views: string[] = [];
    const off = env.agent.introspection.onView((_id, v) => views.push(v.reason ?? v.screen));
    await until('new password refused', () => views.includes('password-wrong'), 10_000);
    expect(phase(env)).toBe('charging');
    env.agent.commands.enterPassword(1, STOP_PASSWORD);
    await until('finished', () => phase(env!) === 'finished', 30_000);
    off();
    const row = env.agent.introspection.recentSessions(1)[0];
    expect(row).toMatchObject({ mode: 4, vin: VIN_REGISTERED, stopReason: 'stop-password', stopDetail: 'stop-password', payer: { kind: 'department', departmentId: '11' } });
    expect(row.meterStopWh!).toBeGreaterThanOrEqual(row.meterStartWh);
    // The snapshot is in the journal row as kind/version only through introspection (no hash).
    expect(JSON.stringify(row.stopBy)).not.toContain('scrypt');
  }, 60_000);
});
