// Benchmark: one full meter reading (energy + power + voltage + current, exactly as the driver
// plans it) over Modbus RTU at 9600 baud on a socat pty pair, against the bench meter running as a
// separate process (`bench meter-sim`), compared with the wire-time limit of the same exchanges:
// bytes × 11 bits / 9600 + two t3.5 silences per exchange (Modbus over serial line §2.5.1.1).
// A pty moves bytes instantly, so the bench meter runs twice: paced (`--pace-wire`: each answer
// held back by the request's and answer's transit time at 9600 baud plus t3.5, as on a real line)
// for cycle_ms_*, and unpaced for software_cycle_ms_* (agent software + the hub's t3.5 gap only).
// Prints JSON lines on stdout, chatter on stderr.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { loadProfile } from '../../hw-profiles/index.js';
import { openPtyPair } from '../src/testing/pty-pair.js';
import { createProfileMeters } from '../src/drivers/meter/profile-meters.js';
import { SerialPortLine } from '../src/drivers/serial/serialport-line.driver.js';
import { systemClock } from '../src/ports/clock.port.js';
import { nullLogger } from '../src/shared/logger.js';
import { charTimeMs, silenceIntervalMs } from '../src/protocols/modbus/rtu-frame.js';

const BAUD = 9600;
const WARMUP = 20;
const CYCLES = Number(process.env.METER_BENCH_CYCLES ?? 200);
const root = join(import.meta.dirname, '../..');

const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, unit }));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function withSim<T>(paceWire: boolean, fn: (ptyA: string) => Promise<T>): Promise<T> {
  const pty = await openPtyPair();
  const args = ['meter-sim', '--profile', 'sim', '--port', pty.b, '--power-w', '120000', '--voltage-mv', '750000', '--current-ma', '160000'];
  const sim = spawn(process.execPath, [join(root, 'bin/bench.js'), ...args, ...(paceWire ? ['--pace-wire'] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('meter-sim did not become ready')), 20_000);
      createInterface({ input: sim.stdout! }).on('line', (l) => l.includes('"ready"') && (clearTimeout(t), resolve()));
      sim.once('exit', (code) => reject(new Error(`meter-sim exited ${code}`)));
    });
    return await fn(pty.a);
  } finally {
    sim.kill('SIGTERM');
    await new Promise((r) => sim.once('exit', r));
    await pty.close();
  }
}

/** Sorted cycle times (ms) of full readings per connector of the sim profile. */
async function measure(ptyA: string, connectors: number[]): Promise<Map<number, { times: number[]; plan: number[] }>> {
  const faults = { raise: (c: string) => console.error(`fault ${c}`), clear() {} };
  const profile = loadProfile('sim', { overrides: { 'rs485.rs485-1': ptyA } });
  const stack = await createProfileMeters(profile, { openLine: (o) => new SerialPortLine(o), clock: systemClock, logger: nullLogger, faults });
  const out = new Map<number, { times: number[]; plan: number[] }>();
  try {
    for (const connector of connectors) {
      const meter = stack.meters.get(connector)!;
      const times: number[] = [];
      for (let i = 0; i < WARMUP + CYCLES; i++) {
        const t0 = performance.now();
        const r = await meter.read();
        const dt = performance.now() - t0;
        if (!r.ok) throw new Error(`read failed: ${r.error.message}`);
        if (i >= WARMUP) times.push(dt);
      }
      out.set(connector, { times: times.sort((a, b) => a - b), plan: meter.plan.map((req) => req.quantity) });
    }
  } finally {
    await stack.close();
  }
  return out;
}

const connectors = [1, 2];
const names: Record<number, string> = { 1: 'meter.rtu', 2: 'meter.rtu.float' };
const paced = await withSim(true, (a) => measure(a, connectors));
const software = await withSim(false, (a) => measure(a, connectors));
for (const c of connectors) {
  const { times, plan } = paced.get(c)!;
  const wireMs = plan.reduce((sum, quantity) => sum + charTimeMs(BAUD, 8 + 5 + 2 * quantity) + 2 * silenceIntervalMs(BAUD), 0);
  const p50 = pct(times, 50);
  console.error(`# ${names[c]}: connector ${c}, ${plan.length} request(s) of ${plan.join('+')} registers per reading, ${CYCLES} readings`);
  emit(names[c], 'cycle_ms_p50', p50, 'ms');
  emit(names[c], 'cycle_ms_p99', pct(times, 99), 'ms');
  emit(names[c], 'wire_limit_ms', wireMs, 'ms');
  emit(names[c], 'cycle_over_wire_limit', p50 / wireMs, 'ratio');
  const sw = software.get(c)!.times;
  emit(names[c], 'software_cycle_ms_p50', pct(sw, 50), 'ms');
  emit(names[c], 'software_cycle_ms_p99', pct(sw, 99), 'ms');
}
