// Hardware in the loop on one machine (wired-controller.ts stands in for the bench's USB adapters and
// a controller running pile-agent): the same scenario files drive the controller through its console
// and the simulators through the "adapters". The bench provisions the controller for each run's depot
// (it restarts with that identity), plays a mode 4 session with the stop password changed mid-session,
// and — through `npx bench run FILE --bench-profile FILE` — a power cut by the supply relay while
// charging, the session closed from the meter and billed once. A bad bench profile runs nothing (exit 2).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchProfile } from '../../src/hil/bench-profile.js';
import { loadScenarioFile } from '../../src/scenarios/scenario-load.js';
import { runScenario } from '../../src/scenarios/scenario-runner.js';
import { provisionedPaths } from '../../../pile-agent/index.js';
import { REPO_ROOT } from '../../src/wiring/repo-root.js';
import { PIN, PIN_ENV, wireController, type WiredController } from './wired-controller.js';

function benchCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/bench.js', ...args], { cwd: REPO_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  return new Promise((resolve) =>
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

const scenario = (name: string) => {
  const r = loadScenarioFile(join(REPO_ROOT, 'test-benches/scenarios', name));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

let wired: WiredController;
beforeAll(async () => {
  wired = await wireController();
}, 60_000);
afterAll(async () => {
  await wired?.close();
});

describe('a controller on a bench', () => {
  it('is provisioned for the run and plays a scenario file through its console', async () => {
    const profile = parseBenchProfile(wired.profileYaml(), 'bench.yaml');
    if (!profile.ok) throw new Error(profile.issues.join('\n'));
    const said: string[] = [];
    const r = await runScenario(scenario('mode4-stop-password-changed.yaml'), { say: (l) => said.push(l), bench: profile.value, env: { [PIN_ENV]: PIN } });
    expect(r.error, said.join('\n')).toBeNull();
    expect(r.ok).toBe(true);
    expect(said.join('\n')).toContain('YARD1-P1: the controller on');
    // The controller took the run's identity on the console and restarted with it.
    const identity = JSON.parse(readFileSync(provisionedPaths(join(wired.dir, 'data')).identity, 'utf8'));
    expect(identity).toMatchObject({ pileId: 'YARD1-P1', stationId: expect.any(Number), url: expect.stringMatching(/^mqtt:\/\/127\.0\.0\.1:\d+$/) });
    expect(wired.log()).toContain('restarting the agent (provisioned on the console)');
    const secret = readFileSync(provisionedPaths(join(wired.dir, 'data')).secret, 'utf8').trim();
    expect(secret.length).toBeGreaterThan(8);
    expect(wired.log()).not.toContain(secret);
  }, 240_000);

  it('runs a power cut through the supply relay from the command line', async () => {
    const file = join(wired.dir, 'bench.yaml');
    writeFileSync(file, wired.profileYaml());
    // Not spawnSync: the stand-in's CAN buses run in this process and must keep answering.
    const r = await benchCli(['run', 'test-benches/scenarios/power-cut-while-charging.yaml', '--bench-profile', file], { ...process.env, [PIN_ENV]: PIN });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('power-cut:');
    expect(r.stdout).toContain('1 of 1 scenario(s) passed');
  }, 260_000);

  it('refuses a bad bench profile and runs nothing', () => {
    const file = join(wired.dir, 'bad.yaml');
    writeFileSync(file, wired.profileYaml().replace('cloud: { host: 127.0.0.1, listen: 127.0.0.1 }', 'cloud: { listen: 127.0.0.1 }'));
    const r = spawnSync(process.execPath, ['bin/bench.js', 'run', 'test-benches/scenarios/power-cut-while-charging.yaml', '--bench-profile', file], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2 cloud\.host:/);
    expect(r.stdout).not.toContain('▶');
  }, 70_000);
});
