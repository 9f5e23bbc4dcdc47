// A controller wired to a bench, stood in for on one machine: `pile-agent run` on the `sim` profile as
// its own process (the controller), started and killed by shell commands as a supply relay would be;
// per connector a virtual CAN bus whose second port stands for the bench's USB-CAN SLCAN adapter; pty
// pairs for the RS-485 meter bus, the reader cable and the console cable; a framebuffer file and a
// touch pty for its screen. The controller starts with an identity of its own (the bench provisions
// it for each run) and no cloud. `profileYaml()` is the bench profile that describes this wiring.
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../../hw-profiles/index.js';
import { hashSecret, nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { VirtualCanBus } from '../../src/transports/virtual-bus.js';
import { REPO_ROOT } from '../../src/wiring/repo-root.js';
import { FAST } from '../session/agent-on-rig.js';

export const PIN_ENV = 'PILEGATE_TEST_HIL_PIN';
export const PIN = '2468';

export interface WiredController {
  readonly dir: string;
  /** The bench profile YAML for this wiring (console PIN in PIN_ENV). */
  profileYaml(): string;
  /** The controller's log (JSON lines of every boot). */
  log(): string;
  close(): Promise<void>;
}

export async function wireController(): Promise<WiredController> {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-hil-'));
  const closers: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
  const profile = loadProfile('sim');
  const buses = new Map<number, VirtualCanBus>();
  for (const c of profile.connectors) {
    const bus = await VirtualCanBus.start({ ports: 2, clock: systemClock, logger: nullLogger, iface: `wire${c.id}` });
    closers.push(() => bus.close());
    buses.set(c.id, bus);
  }
  const pty = async (): Promise<PtyPair> => {
    const p = await openPtyPair();
    closers.push(() => p.close());
    return p;
  };
  const [meters, reader, console, touch] = [await pty(), await pty(), await pty(), await pty()];
  const framebuffer = join(dir, 'fb0');
  writeFileSync(framebuffer, Buffer.alloc(profile.screen!.width * profile.screen!.height * 2));
  const devices: Record<string, string> = { [`rs485.${profile.rs485[0].id}`]: meters.a, reader: reader.a, console: console.a, 'screen.framebuffer': framebuffer, 'screen.touch': touch.a };
  for (const [id, bus] of buses) devices[`can.${id}`] = bus.paths[0];
  const config = join(dir, 'controller.json');
  writeFileSync(
    config,
    JSON.stringify({
      pileId: 'BENCH-CONTROLLER',
      stationId: 999,
      dataDir: join(dir, 'data'),
      profile: 'sim',
      devices,
      console: { pinHash: await hashSecret(PIN, FAST) },
      session: { meterSampleIntervalMs: 500, resetViewMs: 3_000 },
    }),
  );
  const pidFile = join(dir, 'controller.pid');
  const logFile = join(dir, 'controller.log');
  const relayOn = `cd ${REPO_ROOT} && (exec ${process.execPath} bin/pile-agent.js run --config ${config} >> ${logFile} 2>&1 & echo $! > ${pidFile})`;
  const relayCut = `kill -9 $(cat ${pidFile})`;
  execSync(relayOn);
  closers.push(async () => {
    if (existsSync(pidFile)) execSync(`${relayCut} 2>/dev/null || true`);
  });
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  return {
    dir,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    profileYaml: () =>
      [
        'bench: one-machine stand-in',
        'cloud: { host: 127.0.0.1, listen: 127.0.0.1 }',
        'piles:',
        `  - console: { path: ${console.b} }`,
        `    pinEnv: ${PIN_ENV}`,
        `    can: { ${[...buses].map(([id, b]) => `"${id}": ${b.paths[1]}`).join(', ')} }`,
        `    meters: { path: ${meters.b}, baud: ${profile.rs485[0].baud} }`,
        `    reader: { path: ${reader.b} }`,
        `    power: { cut: "${relayCut}", on: "${relayOn.replaceAll('"', '\\"')}" }`,
        '',
      ].join('\n'),
    close,
  };
}
