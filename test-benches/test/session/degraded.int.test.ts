// A pile with a broken device keeps what still works: a CAN adapter that cannot be opened faults its
// connector only (no new session there, `can.adapter-error` active) and a missing card reader raises
// `reader.offline`; the other connector still charges by the VIN button.
import { afterEach, describe, expect, it } from 'vitest';
import { startAgentOnRig, until, VIN_REGISTERED, type AgentOnRig } from './agent-on-rig.js';

let env: AgentOnRig | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

describe('degraded start', () => {
  it('dead CAN adapter on connector 1 and no reader: connector 1 faulted, connector 2 charges', async () => {
    env = await startAgentOnRig({ devices: { 'can.1': '/nonexistent/pilegate-can1', reader: '/nonexistent/pilegate-reader' } });
    const { agent, rig } = env;
    expect(agent.health().state).toBe('running');
    expect(
      agent.introspection
        .faults()
        .map((f) => `${f.code}@${f.source}`)
        .sort(),
    ).toEqual(['can.adapter-error@connector-1', 'reader.offline@pn532']);
    const c1 = () => agent.introspection.connectors().find((c) => c.id === 1)!;
    expect(c1().phase).toBe('faulted');
    agent.commands.pressButton(1, 'vin-charge');
    expect(c1().phase).toBe('faulted');
    await rig.plug(2, { vin: VIN_REGISTERED, edition: '2015' });
    agent.commands.pressButton(2, 'vin-charge');
    await until('connector 2 charging', () => agent.introspection.connectors().find((c) => c.id === 2)!.phase === 'charging', 30_000);
  }, 60_000);
});
