// Interop with an independent SLCAN implementation: python-can's own `slcan` interface (Debian
// python3-can, /usr/bin/python3) on one port of the virtual bus, the agent's SlcanCanChannel on
// another. Frames cross both ways with id, data, extended and remote flags intact. Bounded timeouts.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortLine, SlcanCanChannel } from '../../../pile-agent/drivers.js';
import { hex, nullLogger, systemClock, type CanFrame } from '../../../pile-agent/ports.js';
import { VirtualCanBus } from '../../index.js';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'python_can_peer.py');
let bus: VirtualCanBus | undefined;
let peer: ChildProcess | undefined;
let agent: SlcanCanChannel | undefined;
afterEach(async () => {
  peer?.kill('SIGKILL');
  await agent?.close();
  await bus?.close();
});

interface PeerFrame {
  id: number;
  ext: boolean;
  rtr: boolean;
  data: string;
}

/** Starts the peer; resolves each awaited JSON line kind in order. */
function startPeer(args: string[]) {
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  let waiters: Array<() => void> = [];
  peer = spawn('/usr/bin/python3', [PEER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  peer.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, i)));
      buf = buf.slice(i + 1);
      for (const w of waiters) w();
    }
  });
  peer.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => peer!.on('exit', (code) => resolve(code)));
  const waitFor = (pred: (ls: typeof lines) => boolean, what: string, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`python peer: no ${what} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      const check = () => {
        if (pred(lines)) {
          clearTimeout(t);
          waiters = waiters.filter((w) => w !== check);
          resolve();
        }
      };
      waiters.push(check);
      check();
    });
  return { lines, waitFor, exited, stderr: () => stderr };
}

const fromAgent: CanFrame[] = [
  { id: 0x1cecf456, extended: true, data: hex('110701FFFF000200') }, // CTS (§5.3)
  { id: 0x1801f456, extended: true, data: hex('AA40E20100FFFFFF') }, // CRM 0xAA
  { id: 0x1826f456, extended: true, data: hex('010100') }, // CHM, DLC 3
  { id: 0x123, extended: false, data: hex('1122334455667788') }, // standard frame
  { id: 0x7ff, extended: false, data: new Uint8Array(0) }, // DLC 0
  { id: 0x1cec56f4, extended: true, data: new Uint8Array(0), rtr: true }, // remote
];
const fromPython = ['1CEC56F4#10310007FF000200', '1CEB56F4#0101010003F00A80', '100956F4#AA', '456#DEADBEEF', '18FF50E5#R'];

describe('SLCAN interop: python-can slcan ↔ virtual bus ↔ SlcanCanChannel', () => {
  it('carries frames both ways with ids, data and flags intact', async () => {
    bus = await VirtualCanBus.start({ ports: 2, clock: systemClock, logger: nullLogger });
    agent = new SlcanCanChannel({ line: new SerialPortLine({ path: bus.paths[0], baudRate: 115200 }), bitrate: 250_000, logger: nullLogger, clock: systemClock });
    const received: CanFrame[] = [];
    agent.onFrame((f) => received.push(f));
    await agent.open();

    const args = ['--channel', bus.paths[1], '--expect', String(fromAgent.length), '--timeout', '10'];
    for (const s of fromPython) args.push('--send', s);
    const p = startPeer(args);
    await p.waitFor((ls) => ls.some((l) => l.ready), 'ready line');
    expect(bus.port(1).state).toMatchObject({ mode: 'normal', bitrateCode: 5 });

    for (const f of fromAgent) await agent.send(f);
    await p.waitFor((ls) => ls.some((l) => l.done || l.error), 'done line');
    expect(await p.exited).toBe(0);

    const rx = p.lines.filter((l) => l.rx).map((l) => l.rx as PeerFrame);
    expect(rx).toEqual(fromAgent.map((f) => ({ id: f.id, ext: f.extended, rtr: f.rtr ?? false, data: f.rtr ? '' : Buffer.from(f.data).toString('hex').toUpperCase() })));

    const end = Date.now() + 5000;
    while (received.length < fromPython.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual([
      { id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') },
      { id: 0x1ceb56f4, extended: true, data: hex('0101010003F00A80') },
      { id: 0x100956f4, extended: true, data: hex('AA') },
      { id: 0x456, extended: false, data: hex('DEADBEEF') },
      { id: 0x18ff50e5, extended: true, data: new Uint8Array(0), rtr: true },
    ]);
  });
});
