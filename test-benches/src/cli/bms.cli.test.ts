// `bench bms` as a technician runs it (a real process) on one port of a virtual CAN bus, watched from
// another port through SlcanCanChannel: CHM sent → BHM seen; CRM 0x00 → vector A's BRM over TP;
// phase changes on stderr; SIGTERM stops it with exit 0; bad options exit 2.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SerialPortLine, SlcanCanChannel } from '../../../pile-agent/drivers.js';
import { hex, nullLogger, systemClock, toHex, type CanFrame } from '../../../pile-agent/ports.js';
import { VirtualCanBus } from '../transports/virtual-bus.js';

const root = join(import.meta.dirname, '../../..');
const line = (f: CanFrame) => `${f.id.toString(16).toUpperCase().padStart(8, '0')}#${toHex(f.data)}`;

/** Resolves with the first frames matching `pred`, `count` of them; rejects after `ms`. */
function waitFrames(frames: CanFrame[], pred: (f: CanFrame) => boolean, count: number, ms: number): Promise<CanFrame[]> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const got = frames.filter(pred);
      if (got.length >= count) {
        clearInterval(poll);
        resolve(got.slice(0, count));
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out; saw ${frames.map(line).join(' ')}`));
      }
    }, 5);
  });
}

describe('bench bms', () => {
  it('runs on a virtual-bus port: CHM → BHM 50 19, CRM 0x00 → vector A BRM, stops on SIGTERM', async () => {
    const bus = await VirtualCanBus.start({ ports: 2, clock: systemClock, logger: nullLogger });
    const args = [join(root, 'bin/bench.js'), 'bms', '--port', bus.paths[0], '--vin', 'LZYTBTE65K1012345', '--json'];
    const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => proc.kill('SIGKILL'), 25_000);
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const charger = new SlcanCanChannel({ line: new SerialPortLine({ path: bus.paths[1], baudRate: 115200 }), bitrate: 250_000, logger: nullLogger, clock: systemClock });
    try {
      const ready = await new Promise<{ ready: boolean; vin: string }>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
        });
        proc.on('exit', (c) => reject(new Error(`bms exited early with ${c}: ${stderr}`)));
      });
      expect(ready).toMatchObject({ ready: true, vin: 'LZYTBTE65K1012345' });
      const seen: CanFrame[] = [];
      charger.onFrame((f) => seen.push(f));
      await charger.open();

      await charger.send({ id: 0x1826f456, extended: true, data: hex('010100') }); // CHM
      const [bhm] = await waitFrames(seen, (f) => f.id === 0x182756f4, 1, 5_000);
      expect(line(bhm)).toBe('182756F4#5019');

      await charger.send({ id: 0x1801f456, extended: true, data: hex('0040E20100FFFFFF') }); // CRM 0x00
      const [rts] = await waitFrames(seen, (f) => f.id === 0x1cec56f4, 1, 5_000);
      expect(line(rts)).toBe('1CEC56F4#10310007FF000200');
      await charger.send({ id: 0x1cecf456, extended: true, data: hex('110701FFFF000200') }); // CTS 7 from 1
      const dts = await waitFrames(seen, (f) => f.id === 0x1ceb56f4, 7, 5_000);
      expect(dts.map(line)).toEqual([
        '1CEB56F4#0101010003F00A80',
        '1CEB56F4#02164341544C0100',
        '1CEB56F4#03000022060FD204',
        '1CEB56F4#040001FF4C5A5954',
        '1CEB56F4#0542544536354B31',
        '1CEB56F4#0630313233343501',
        '1CEB56F4#071403E707FFFFFF',
      ]);
      await charger.close();

      const exit = new Promise<number | null>((resolve) => proc.on('exit', resolve));
      proc.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(stderr).toMatch(/BMS phase handshake: CHM received/);
      expect(stderr).toMatch(/BMS phase identification: CRM 0x00 received/);
      expect(stderr).toMatch(/stopping \(SIGTERM\)/);
    } finally {
      clearTimeout(killer);
      proc.kill('SIGKILL');
      await charger.close().catch(() => undefined);
      await bus.close();
    }
  });

  it('exits 2 with clear messages on bad options, and lists the behaviours in --help', () => {
    const bad = spawnSync(process.execPath, [join(root, 'bin/bench.js'), 'bms', '--port', '/dev/null', '--behavior', 'nope', '--vin', 'X'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown --behavior "nope"; known: bem-on-crm-timeout/);
    const help = spawnSync(process.execPath, [join(root, 'bin/bench.js'), 'bms', '--help'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    for (const name of ['bem-on-crm-timeout', 'no-vin', 'bad-check-digit', 'slow-brm', 'cts-ignored', 'abort-mid-transfer', 'bst-at-target-soc', 'garbage-frames']) {
      expect(help.stdout).toContain(name);
    }
  });
});
