// `npx bench rig` as a newcomer runs it: the config it writes lets the technician log in on the
// console (a PIN hash is in it; the PIN is printed, chosen with --console-pin or random), and `quit`
// on stdin stops the rig.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySecret } from '../../../pile-agent/ports.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function runRig(args: string[]): Promise<{ ready: Record<string, any>; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rig-cli-'));
  dirs.push(dir);
  const proc = spawn(process.execPath, ['bin/bench.js', 'rig', '--dir', dir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c) => (stderr += String(c)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const killer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
  try {
    for await (const line of createInterface({ input: proc.stdout })) {
      if (!line.startsWith('{')) continue;
      const ready = JSON.parse(line) as Record<string, any>;
      proc.stdin.write('quit\n');
      expect(await exited).toBe(0);
      return { ready, stderr };
    }
    throw new Error(`bench rig printed no ready line: ${stderr}`);
  } finally {
    clearTimeout(killer);
    proc.kill('SIGKILL');
  }
}

describe('bench rig', () => {
  it('writes a console PIN hash into the agent config and prints the PIN it was given', async () => {
    const { ready, stderr } = await runRig(['--console-pin', '2468']);
    const written = JSON.parse(readFileSync(ready.config, 'utf8'));
    expect(written.console.pinHash).toMatch(/^scrypt\$/);
    expect(await verifySecret('2468', written.console.pinHash)).toBe(true);
    expect(ready.consolePin).toBe('2468');
    expect(stderr).toContain(`PIN 2468`);
  }, 90_000);

  it('chooses a random 6-digit PIN when none is given, and refuses a bad one', async () => {
    const { ready } = await runRig([]);
    expect(ready.consolePin).toMatch(/^\d{6}$/);
    expect(await verifySecret(ready.consolePin, ready.agent.console.pinHash)).toBe(true);
    const bad = spawn(process.execPath, ['bin/bench.js', 'rig', '--console-pin', '12ab'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (c) => (err += String(c)));
    expect(await new Promise((r) => bad.once('exit', r))).not.toBe(0);
    expect(err).toContain('--console-pin must be 4–8 digits');
  }, 90_000);
});
