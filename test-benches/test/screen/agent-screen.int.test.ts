// The touchscreen in the running agent: the composed agent on the sim rig with the driver socket
// enabled (config `screen.socketPath`); the touchscreen-driver simulator connects, sees the idle
// screen with its `vin-charge` button, presses it by name and a mode 4 session starts on the simulated
// CAN bus. An allowed VIN reaches the charging screen, the stop keypad stops it with the snapshotted
// stop password (receipt); an unregistered VIN shows the refused screen with its reason (pixel-compared);
// a missing framebuffer raises screen.unavailable while the agent and the socket keep running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildScene, type ScreenState } from '../../../pile-agent/index.js';
import { CanvasRenderer, decodePng } from '../../../pile-agent/drivers.js';
import { TouchscreenDriverSim } from '../../index.js';
import { startAgentOnRig, STOP_PASSWORD, until, VIN_REGISTERED, VIN_UNREGISTERED, type AgentOnRig } from '../session/agent-on-rig.js';

let env: AgentOnRig | null = null;
let sim: TouchscreenDriverSim | null = null;
let sockDir: string | null = null;
afterEach(async () => {
  await sim?.close();
  await env?.close();
  if (sockDir) rmSync(sockDir, { recursive: true, force: true });
  env = sim = sockDir = null;
}, 60_000);

async function agentWithScreen(devices: Record<string, string> = {}): Promise<{ env: AgentOnRig; sim: TouchscreenDriverSim }> {
  sockDir = mkdtempSync(join(tmpdir(), 'pilegate-screen-sock-'));
  const socketPath = join(sockDir, 'screen.sock');
  env = await startAgentOnRig({ screen: { socketPath }, devices });
  sim = await TouchscreenDriverSim.connect({ path: socketPath });
  return { env, sim };
}

const phase = (e: AgentOnRig) => e.agent.introspection.connectors()[0].phase;

async function render(state: ScreenState, width: number, height: number): Promise<Uint8Array> {
  const renderer = await CanvasRenderer.create({ width, height });
  return renderer.render(buildScene(state, { width, height, lang: 'zh-CN' })).rgba;
}

function differingPixels(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
}

describe('screen in the running agent', () => {
  it('idle shows vin-charge; pressing it starts mode 4; allowed VIN → charging; stop keypad → receipt', async () => {
    const { env, sim } = await agentWithScreen();
    expect(env.agent.health().components.find((c) => c.name === 'screen')).toEqual({ name: 'screen', started: true });
    await sim.waitForView('idle');
    expect(sim.regions().map((r) => r.name)).toEqual(expect.arrayContaining(['vin-charge', 'card-charge', 'connector-1', 'connector-2', 'password-charge']));

    const bms = await env.rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    await sim.press('vin-charge');
    await sim.waitForView('charging', 30_000);
    expect(phase(env)).toBe('charging');
    expect(bms.observations.sawCrmAA).toBe(true);
    const views = sim.frames.map((f) => f.view);
    expect(views.indexOf('idle')).toBeLessThan(views.findIndex((v) => v === 'connecting' || v === 'authorizing'));
    expect(sim.regions().map((r) => r.name)).toContain('stop');

    await sim.press('stop');
    await sim.waitForView('keypad');
    for (const d of STOP_PASSWORD) await sim.press(`key-${d}`);
    await sim.waitForButton('key-ok'); // shown once digits were typed (the next, debounced frame)
    await sim.press('key-ok');
    await sim.waitForView('receipt', 30_000);
    expect(env.agent.introspection.recentSessions(1)[0]).toMatchObject({ mode: 4, vin: VIN_REGISTERED, stopReason: 'stop-password' });
    await sim.press('done');
    await sim.waitForView('idle');
  }, 90_000);

  it("an unregistered VIN: the refused screen with the decision's reason, never charging", async () => {
    const { env, sim } = await agentWithScreen();
    await sim.waitForButton('vin-charge');
    const bms = await env.rig.plug(1, { vin: VIN_UNREGISTERED, edition: '2015' });
    await sim.press('vin-charge');
    await sim.waitForView('refused', 30_000);
    await until('finished', () => phase(env) === 'finished', 30_000);
    expect(bms.observations.sawCrmAA).toBe(false);
    expect(sim.frames.map((f) => f.view)).not.toContain('charging');
    expect(sim.regions().map((r) => r.name)).toContain('back');

    // The pixels are those of the refused view with reason vin-unregistered, not another reason's.
    await sim.snapshot();
    const got = decodePng(sim.snapshotPng()!);
    if (!got.ok) throw new Error('bad PNG from the simulator');
    const { width, height } = got.value;
    const common = { title: 'SIM-PILE-1', online: false };
    const want = await render({ common, view: { view: 'refused', connectorId: 1, reason: 'vin-unregistered', vin: VIN_UNREGISTERED } }, width, height);
    const other = await render({ common, view: { view: 'refused', connectorId: 1, reason: 'card-unknown', vin: VIN_UNREGISTERED } }, width, height);
    expect(differingPixels(got.value.rgba, want)).toBe(0);
    expect(differingPixels(got.value.rgba, other)).toBeGreaterThan(0);
  }, 90_000);

  it('a missing framebuffer raises screen.unavailable; the agent and the driver socket keep running', async () => {
    const { env, sim } = await agentWithScreen({ 'screen.framebuffer': '/nonexistent/pilegate-fb0' });
    expect(env.agent.health().state).toBe('running');
    expect(env.agent.introspection.faults().map((f) => f.code)).toContain('screen.unavailable');
    await sim.waitForButton('vin-charge');
    await env.rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    await sim.press('vin-charge');
    await sim.waitForView('charging', 30_000);
  }, 90_000);
});
