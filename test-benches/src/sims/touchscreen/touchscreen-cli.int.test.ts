// Real processes: `pile-agent screen serve` (the pile's screen stack on its driver socket) and
// `bench touchscreen` pressing vin-charge, then cancel, by name; the pile prints both presses.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { decodePng } from '../../../../pile-agent/drivers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGTERM');
});

it('bench touchscreen presses vin-charge and cancel by name on a running pile screen', async () => {
  const pile = spawn(process.execPath, [join(root, 'bin/pile-agent.js'), 'screen', 'serve', '--profile', 'sim', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  procs.push(pile);
  const lines: string[] = [];
  const rl = createInterface({ input: pile.stdout! });
  rl.on('line', (l) => lines.push(l));
  const until = async (pred: () => boolean, what: string) => {
    const end = Date.now() + 20_000;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; pile said ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await until(() => lines.length > 0, 'the listening line');
  const hello = JSON.parse(lines[0]);
  expect(hello).toMatchObject({ listening: { port: expect.any(Number) }, width: 800, height: 480 });

  const png = join(mkdtempSync(join(tmpdir(), 'touch-')), 'screen.png');
  const driver = spawnSync(
    process.execPath,
    [join(root, 'bin/bench.js'), 'touchscreen', '--port', String(hello.listening.port), '--wait-view', 'idle', '--press', 'vin-charge', '--press', 'cancel', '--png', png],
    { cwd: root, encoding: 'utf8', timeout: 30_000 },
  );
  expect(driver.status, driver.stderr).toBe(0);
  expect(
    driver.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ).toEqual([{ pressed: 'vin-charge' }, { pressed: 'cancel' }]);
  await until(() => lines.length >= 3, 'both presses');
  expect(lines.slice(1).map((l) => JSON.parse(l))).toEqual([
    { press: 'vin-charge', view: 'idle', connectorId: 1, source: 'driver' },
    { press: 'cancel', view: 'connecting', connectorId: 1, source: 'driver' },
  ]);
  const shot = decodePng(readFileSync(png));
  expect(shot.ok && [shot.value.width, shot.value.height]).toEqual([800, 480]);
});
