// Mode 1 by the station's fixed password through the composed agent on the sim rig: the VIN is
// recorded with the department hint of the registered vehicle, the station admin member pays, and
// the fixed password stops it. Keypad lockout: 5 wrong passwords lock connector 1's keypad (the
// right password then starts nothing) while connector 2's keypad still works.
import { afterEach, describe, expect, it } from 'vitest';
import { FIXED_PASSWORD, readJournal, startAgentOnRig, until, VIN_REGISTERED, type AgentOnRig } from './agent-on-rig.js';

let env: AgentOnRig | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

const connector = (e: AgentOnRig, id: number) => e.agent.introspection.connectors().find((c) => c.id === id)!;

describe('mode 1: fixed password', () => {
  it('starts with the fixed password, records the VIN, stops with the fixed password', async () => {
    env = await startAgentOnRig();
    await env.rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    env.agent.commands.enterPassword(1, FIXED_PASSWORD);
    await until('charging', () => connector(env!, 1).phase === 'charging', 30_000);
    env.agent.commands.enterPassword(1, FIXED_PASSWORD);
    await until('finished', () => connector(env!, 1).phase === 'finished', 30_000);
    const row = env.agent.introspection.recentSessions(1)[0];
    expect(row).toMatchObject({
      mode: 1,
      credentialKind: 'fixed-password',
      vin: VIN_REGISTERED,
      plate: '沪A32567',
      stopReason: 'fixed-password',
      stopDetail: 'fixed-password',
      payer: { kind: 'member', memberId: '41' },
      attribution: { kind: 'by-cloud', hintDepartmentId: '11' },
    });
    const record = readJournal(String(env.config.dataDir)).events.at(-1)!.data;
    expect(record).toMatchObject({ credential: { kind: 'password' }, payer: { kind: 'member', memberId: '41' }, attributedDepartmentId: '11' });
  }, 60_000);
});

describe('keypad lockout', () => {
  it('5 wrong passwords lock connector 1 for the lock time; connector 2 is not affected', async () => {
    env = await startAgentOnRig({ session: { keypadLockMs: 60_000, meterSampleIntervalMs: 500 } });
    const wrongs: number[] = [];
    const off = env.agent.introspection.onView((id, v) => v.reason === 'password-wrong' && wrongs.push(id));
    for (let i = 1; i <= 5; i++) {
      env.agent.commands.enterPassword(1, `00000${i}`);
      await until(`wrong password ${i} decided`, () => wrongs.length === i || connector(env!, 1).keypadLocked, 10_000);
    }
    off();
    expect(connector(env, 1).keypadLocked).toBe(true);
    env.agent.commands.enterPassword(1, FIXED_PASSWORD);
    expect(connector(env, 1).phase).not.toBe('authorizing');
    expect(connector(env, 1).view.screen).toBe('keypad-locked');
    // Connector 2 has its own keypad: the right password starts a session there.
    env.agent.commands.enterPassword(2, FIXED_PASSWORD);
    await until('connector 2 session', () => connector(env!, 2).phase === 'connecting', 10_000);
    expect(connector(env, 2).keypadLocked).toBe(false);
  }, 60_000);
});
