// The technician's bring-up path end to end, as two real processes on a pty pair:
// `bench meter-sim --profile sim --port B` and `pile-agent meter read --profile sim --connector N --port A`.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openPtyPair } from '../../../../pile-agent/testing.js';

const root = join(import.meta.dirname, '../../../..');

describe('pile-agent meter read against bench meter-sim', () => {
  it('prints one JSON reading per connector meter, each decoded with its own map', async () => {
    const pty = await openPtyPair();
    const sim = spawn(process.execPath, [join(root, 'bin/bench.js'), 'meter-sim', '--profile', 'sim', '--port', pty.b, '--energy-wh', '777000', '--voltage-mv', '650000', '--current-ma', '-2500'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('meter-sim not ready')), 20_000);
        createInterface({ input: sim.stdout! }).on('line', (l) => l.includes('"ready"') && (clearTimeout(t), resolve()));
      });
      for (const [connector, map] of [
        ['1', 'acrel-djsf1352-rn'],
        ['2', 'acrel-djsf1352-rn-float'],
      ]) {
        const r = spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'meter', 'read', '--profile', 'sim', '--connector', connector, '--port', pty.a], {
          cwd: root,
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(r.status, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ connector: Number(connector), map, energyWh: 777000, voltageMv: 650000, currentMa: -2500, powerW: 0 });
      }
      const bad = spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'meter', 'read', '--profile', 'sim', '--connector', '9'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/no connector 9/);
    } finally {
      sim.kill('SIGTERM');
      await new Promise((r) => sim.once('exit', r));
      await pty.close();
    }
  });
});
