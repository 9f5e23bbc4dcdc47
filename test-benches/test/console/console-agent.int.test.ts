// The console of the composed agent on the sim rig: the profile's console port is pointed at a
// real pty (device override `console`), the bench ConsoleClient is on the other end, and the
// answers come from the running agent (real SQLite whitelist, Modbus meter sim, PN532 sim, BMS sim).
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../pile-agent/ports.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { ConsoleClient } from '../../index.js';
import { cardNoOf, FAST, startAgentOnRig, UID_MODE2, until, VIN_REGISTERED, type AgentOnRig } from '../session/agent-on-rig.js';

const PIN = '4321';
let env: AgentOnRig | null = null;
let pty: PtyPair | null = null;
let client: ConsoleClient | null = null;

afterEach(async () => {
  await client?.close();
  await env?.close();
  await pty?.close();
  client = null;
  env = null;
  pty = null;
});

async function start(): Promise<{ env: AgentOnRig; client: ConsoleClient }> {
  pty = await openPtyPair();
  client = await ConsoleClient.open(pty.b, { timeoutMs: 10_000 });
  env = await startAgentOnRig({ devices: { console: pty.a }, console: { pinHash: await hashSecret(PIN, FAST) } });
  await client.waitForPrompt();
  expect((await client.login(PIN)).prompt).toBe('SIM-PILE-1> ');
  return { env, client };
}

describe('technician console of the composed agent', () => {
  it('status, whitelist, meter read, selftest and config show answer from the running agent', async () => {
    const { client: c } = await start();
    const status = await c.send('status');
    expect(status.lines).toEqual([
      'pile SIM-PILE-1, station 1, profile sim',
      'connector 1: session idle; GB/T idle S0; VIN -; meter -',
      'connector 2: session idle; GB/T idle S0; VIN -; meter -',
      'cloud link: disabled (no cloud url configured)',
      'faults: none',
    ]);
    expect((await c.send('whitelist')).lines[0]).toBe('version: 10');
    expect((await c.send(`whitelist find ${VIN_REGISTERED}`)).lines.at(-1)).toContain('沪A32567  公交一公司 [11]');
    expect((await c.send(`whitelist find ${cardNoOf(UID_MODE2)}`)).lines[0]).toMatch(new RegExp(`^card ${cardNoOf(UID_MODE2)}: `));
    expect((await c.send('meter read 1')).lines).toEqual(['connector 1: energy 1100.000 kWh, power 0.000 kW, 600.000 V, 0.000 A']);
    const selftest = (await c.send('selftest')).lines;
    expect(selftest.filter((l) => l.startsWith('PASS'))).toEqual([
      expect.stringMatching(/^PASS CAN link c1 \(slcan \/dev\/pts\/\d+\): open/),
      expect.stringMatching(/^PASS CAN link c2 /),
      expect.stringMatching(/^PASS meter c1 \(acrel-djsf1352-rn @ rs485-1\/1\): energy 1100\.000 kWh/),
      expect.stringMatching(/^PASS meter c2 /),
      expect.stringMatching(/^PASS card reader \(pn532-hsu \/dev\/pts\/\d+\)/),
      expect.stringMatching(/^PASS screen \(800x480 RGB565 .*fb0\): display open/), // the rig's framebuffer file
    ]);
    const config = (await c.send('config show')).lines;
    expect(config).toContain('console.pinHash = <redacted>');
    expect(config).toContain('pileId = SIM-PILE-1');
    expect(config).toContain('screen.maxPasswordDigits = 8'); // a limit, not a secret
    expect(c.transcript).not.toContain('scrypt$');
  }, 60_000);

  it('the touchscreen from the console: press 1 vin-charge starts a VIN session, screen shows it, keypad 1 with the stop password ends it', async () => {
    const { env: e, client: c } = await start();
    await e.rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    expect((await c.send('press 1 vin-charge')).lines).toEqual(['pressed vin-charge on connector 1']);
    await until('charging', () => e.agent.introspection.connectors()[0].phase === 'charging');
    const screen = await c.call('screen');
    expect(screen.value).toMatchObject({ view: { view: 'charging', connectorId: 1 } });
    expect((await c.send('keypad 1 8888')).lines).toEqual(['typed **** on connector 1']);
    await until('finished', () => e.agent.introspection.connectors()[0].phase === 'finished');
    expect(e.agent.introspection.recentSessions(1)[0]).toMatchObject({ connectorId: 1, credentialKind: 'vin-button', stopReason: 'stop-password' });
    expect((await c.send('log tail 200')).lines.join('\n')).not.toContain('8888');
  }, 60_000);

  it('follows a card session: gbt trace shows the BRM, status and sessions show it, card last shows the card', async () => {
    const { env: e, client: c } = await start();
    expect((await c.send('gbt trace on')).ok).toBe(true);
    await e.rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    e.rig.presentCard(UID_MODE2);
    const brm = await c.waitForLine(/^c1 [\d.]+ rx \w+ BRM /, 20_000);
    expect(brm).toContain(`"vin": "${VIN_REGISTERED}"`);
    await until('charging', () => e.agent.introspection.connectors()[0].phase === 'charging');
    await c.sendRaw(new Uint8Array([0x03]));
    await c.waitFor(/stopped: gbt trace\r\n/);
    await c.waitForPrompt();
    const status = await c.send('status');
    expect(status.lines[1]).toMatch(new RegExp(`^connector 1: session charging \\(\\S+\\); GB/T (output-prep S6|charging S7); VIN ${VIN_REGISTERED} \\(valid\\)`));
    // Charging shows the meter from its first reading (taken as charging starts), not "meter -".
    let line = status.lines[1];
    for (const end = Date.now() + 10_000; /meter -$/.test(line) && Date.now() < end; ) line = (await c.send('status')).lines[1];
    expect(line).toMatch(/; meter energy [\d.]+ kWh, power [\d.]+ kW/);
    const sessions = await c.call('sessions');
    expect(sessions.value).toMatchObject({ open: [{ connectorId: 1, state: 'open', mode: 2, vin: VIN_REGISTERED }] });
    expect((await c.send('card last')).lines[0]).toMatch(new RegExp(`^card ${cardNoOf(UID_MODE2)} \\(UID 04A1B2C3\\) at `));
    expect((await c.send('log tail 50')).lines.some((l) => l.includes('connector state') && l.includes('"phase":"charging"'))).toBe(true);
  }, 60_000);

  it('a client that hangs up (Ctrl-D on closing) leaves nobody logged in: the next one meets the PIN prompt', async () => {
    const { client: first } = await start();
    expect((await first.send('whitelist')).ok).toBe(true);
    await first.close();
    client = await ConsoleClient.open(pty!.b, { timeoutMs: 10_000 });
    // Whatever the first session's hang-up left on the line may come first: wait for this answer itself.
    await client.sendRaw('status\r');
    const answer = await client.waitFor(/wrong PIN[^\r\n]*\r\nPIN: /);
    expect(answer).not.toContain('connector 1:');
    expect((await client.login(PIN)).prompt).toBe('SIM-PILE-1> ');
  }, 60_000);
});
