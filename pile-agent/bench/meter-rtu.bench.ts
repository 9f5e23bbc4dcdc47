// Benchmark: one full meter reading (energy + power + voltage + current, exactly as the driver
// plans it) over Modbus RTU at 9600 baud on a socat pty pair, against the bench meter running as a
// separate process (`bench meter-sim`), compared with the wire-time limit of the same exchanges:
// bytes × 11 bits / 9600 + two t3.5 silences per exchange (Modbus over serial line §2.5.1.1).
// A pty does not pace bytes at the baud rate, so the measured cycle is software time plus the
// hub's enforced inter-frame gap; on a real line the cycle is about the wire limit plus that
// software time. Prints JSON lines on stdout, chatter on stderr.
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
const CYCLES = Number(process.env.METER_BENCH_CYCLES ?? 300);
const root = join(import.meta.dirname, '../..');

const emit = (bench: string, metric: string, value: number, unit: string) =>
  console.log(JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, unit }));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const pty = await openPtyPair();
const sim = spawn(
  process.execPath,
  [join(root, 'bin/bench.js'), 'meter-sim', '--profile', 'sim', '--port', pty.b, '--power-w', '120000', '--voltage-mv', '750000', '--current-ma', '160000'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  const t = setTimeout(() => reject(new Error('meter-sim did not become ready')), 20_000);
  createInterface({ input: sim.stdout! }).on('line', (l) => {
    if (l.includes('"ready"')) {
      clearTimeout(t);
      resolve();
    }
  });
  sim.once('exit', (code) => reject(new Error(`meter-sim exited ${code}`)));
});

const faults = { raise: (c: string) => console.error(`fault ${c}`), clear() {} };
const profile = loadProfile('sim', { overrides: { 'rs485.rs485-1': pty.a } });
const stack = await createProfileMeters(profile, { openLine: (o) => new SerialPortLine(o), clock: systemClock, logger: nullLogger, faults });

try {
  for (const connector of [1, 2]) {
    const meter = stack.meters.get(connector)!;
    const name = connector === 1 ? 'meter.rtu' : 'meter.rtu.float';
    const plan = meter.plan;
    const wireMs = plan.reduce((sum, req) => sum + charTimeMs(BAUD, 8 + 5 + 2 * req.quantity) + 2 * silenceIntervalMs(BAUD), 0);
    const times: number[] = [];
    for (let i = 0; i < WARMUP + CYCLES; i++) {
      const t0 = performance.now();
      const r = await meter.read();
      const dt = performance.now() - t0;
      if (!r.ok) throw new Error(`read failed: ${r.error.message}`);
      if (i >= WARMUP) times.push(dt);
    }
    times.sort((a, b) => a - b);
    const p50 = pct(times, 50);
    console.error(`# ${name}: map ${profile.connectors[connector - 1].meter.map}, ${plan.length} request(s) per reading, ${CYCLES} readings`);
    emit(name, 'cycle_ms_p50', p50, 'ms');
    emit(name, 'cycle_ms_p99', pct(times, 99), 'ms');
    emit(name, 'wire_limit_ms', wireMs, 'ms');
    emit(name, 'p50_over_wire_limit', p50 / wireMs, 'ratio');
  }
} finally {
  await stack.close();
  sim.kill('SIGTERM');
  await new Promise((r) => sim.once('exit', r));
  await pty.close();
}
