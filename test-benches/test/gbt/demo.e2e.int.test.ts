// The demo as `npm start` runs it (`bench demo`, here with --fast protocol waits), as a real process:
// the narrative names the phases, VINs, vinStatus, decisions and statistics, and the exit code is 0
// when every expectation held. In process: an act whose expectation fails (or that throws) makes the
// result not ok ("DEMO FAILED", exit 1 in the CLI); an unknown --act exits 2.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expect as expectation, type Act } from '../../src/demo/act.js';
import { FAST_TIMING, runDemo } from '../../src/demo/demo.js';

const root = join(import.meta.dirname, '../../..');

function run(args: string[], boundMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [join(root, 'bin/bench.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => proc.kill('SIGKILL'), boundMs);
    proc.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('bench demo', () => {
  it('plays the three acts over real serial links and exits 0 with every expectation held', async () => {
    const r = await run(['demo', '--fast'], 55_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/Act 1 — a registered 2015 bus charges/);
    expect(out).toMatch(/VIN LZYTBTE65K1012345 · vinStatus valid — registered/);
    expect(out).toMatch(/decision: ALLOW → CRM 0xAA/);
    expect(out).toMatch(/S7 charging/);
    expect(out).toMatch(/BCS: [\d.]+ V 200\.0 A SOC \d+ %/);
    expect(out).toMatch(/BST from the BMS: socTargetReached/);
    expect(out).toMatch(/CSD \(charger statistics\): [1-9][\d.]* kWh/);
    expect(out).toMatch(/Act 2 — an unregistered bus is refused/);
    expect(out).toMatch(/decision: REFUSE \(vin-not-registered\)/);
    expect(out).toMatch(/Act 3 — an old 2011 bus without VIN/);
    expect(out).toMatch(/VIN \(none\) · vinStatus absent/);
    expect(out).not.toMatch(/✗/);
    expect(out.trim().split('\n').at(-1)).toMatch(/^DEMO OK: 3 act\(s\), (\d+)\/\1 expectations held$/);
  }, 60_000);

  it('a failed expectation or a throwing act makes the demo fail, and says which', async () => {
    const lines: string[] = [];
    const failing: Act = { id: 'failing', title: 'an act that sees the wrong thing', run: async () => [expectation('held', true), expectation('the bus charged', false, { phase: 'refused' })] };
    const throwing: Act = { id: 'throwing', title: 'an act that breaks', run: async () => { throw new Error('simulator vanished'); } };
    const result = await runDemo({ say: (l) => lines.push(l), timing: FAST_TIMING, acts: [failing, throwing] });
    expect(result.ok).toBe(false);
    expect(lines).toContain('  ✗ the bus charged — seen: {"phase":"refused"}');
    expect(lines).toContain('  ✗ the act failed: simulator vanished');
    expect(lines.at(-1)).toBe('DEMO FAILED: 2 act(s), 1/2 expectations held');
  });

  it('an unknown --act exits 2 with the list of acts', async () => {
    const r = await run(['demo', '--act', 'nope'], 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown --act nope; known: registered, unregistered, legacy-2011/);
  }, 25_000);
});
