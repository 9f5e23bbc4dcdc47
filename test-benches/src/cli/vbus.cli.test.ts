// `bench vbus` as a technician runs it (a real process): prints the ports, forwards frames between
// two agents wired to them, appends the traffic to --log, stops cleanly on SIGTERM; bad --ports exits 2.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortLine, SlcanCanChannel } from '../../../pile-agent/drivers.js';
import { hex, nullLogger, systemClock, type CanFrame } from '../../../pile-agent/ports.js';

const root = join(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('bench vbus', () => {
  it('starts, wires two agents, logs candump lines, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilegate-vbus-'));
    dirs.push(dir);
    const log = join(dir, 'bus.log');
    const proc = spawn(process.execPath, [join(root, 'bin/bench.js'), 'vbus', '--ports', '2', '--log', log, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    try {
      const ready = await new Promise<{ ready: boolean; ports: string[] }>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
        });
        proc.on('exit', (c) => reject(new Error(`vbus exited early with ${c}`)));
      });
      expect(ready.ports).toHaveLength(2);
      const [a, b] = ready.ports.map((path) => new SlcanCanChannel({ line: new SerialPortLine({ path, baudRate: 115200 }), bitrate: 250_000, logger: nullLogger, clock: systemClock }));
      const got = new Promise<CanFrame>((resolve) => b.onFrame(resolve));
      await a.open();
      await b.open();
      await a.send({ id: 0x1826f456, extended: true, data: hex('010100') });
      expect(await got).toEqual({ id: 0x1826f456, extended: true, data: hex('010100') });
      await a.close();
      await b.close();
      const exit = new Promise<number | null>((resolve) => proc.on('exit', resolve));
      proc.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(readFileSync(log, 'utf8')).toMatch(/^\(\d+\.\d{6}\) vbus0 1826F456#010100\n$/);
    } finally {
      clearTimeout(killer);
      proc.kill('SIGKILL');
    }
  });

  it('exits 2 on a bad port count', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/bench.js'), 'vbus', '--ports', '0'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--ports must be an integer 1–32/);
  });
});
