// End to end against the real `npx bench bms` process (spawned, as a technician runs it) on port 1
// of the virtual bus, with the agent's GB/T stack in this test process on port 0: the registered VIN
// is allowed, charges, and the BMS stops at its SOC target (reference §4.7); the process logs its own
// phases on stderr and exits 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesNamed } from './harness/bus-log.js';
import { closedForCharging } from './harness/link-transcript.js';
import { REGISTERED_VIN, pile } from './gbt-e2e.helpers.js';

const root = join(import.meta.dirname, '../../..');

describe('GB/T end to end with the `bench bms` process', () => {
  it('`bench bms --vin <registered> --behavior bst-at-target-soc` charges through the agent stack and stops at its SOC target', async () => {
    const { rig, registry } = await pile({ speed: 50 });
    const args = [
      join(root, 'bin/bench.js'),
      'bms',
      '--port',
      rig.bmsPath,
      '--vin',
      REGISTERED_VIN,
      '--json',
      '--behavior',
      'bst-at-target-soc',
      '--target-soc',
      '80',
      '--soc',
      '79.6',
      '--soc-speed',
      '50',
    ];
    const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => proc.kill('SIGKILL'), 40_000);
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]) as Record<string, unknown>);
        });
        void exited.then((c) => reject(new Error(`bench bms exited early (${c}): ${stderr}`)));
      });
      expect(ready).toMatchObject({ ready: true, vin: REGISTERED_VIN, edition: '2015', port: rig.bmsPath });

      const s = rig.startSession();
      const end = await s.ended(20_000);
      expect(end).toEqual({ outcome: 'stopped', reason: 'bms-stop:socTargetReached' });
      expect(s.record.vin).toMatchObject({ vin: REGISTERED_VIN, vinStatus: 'valid' });
      expect(registry.decisions.map((d) => d.decision)).toEqual([{ allow: true }]);
      expect(closedForCharging(s.record)).toBe(true);
      const bus = rig.busLog.since(s.busMark);
      expect(messagesNamed(bus, 'BHM').length).toBeGreaterThan(0); // the 2015 BMS answered CHM
      expect(messagesNamed(bus, 'CRM').some((c) => c.recognized)).toBe(true);
      expect(messagesNamed(bus, 'BST')[0]).toMatchObject({ socTargetReached: 1 });
      expect(messagesNamed(bus, 'BSD').length).toBeGreaterThan(0);

      // The process's own account of the session, on stderr.
      await new Promise((r) => setTimeout(r, 200));
      for (const phase of ['identification', 'charging', 'stopping', 'done']) expect(stderr).toContain(`BMS phase ${phase}`);
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
  }, 45_000);
});
