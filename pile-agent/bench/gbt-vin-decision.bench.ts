// Benchmark: VIN to decision on the wire, through the SLCAN pty path (reference §4.4/§4.6: the BMS
// allows 5 s for CRM 0xAA; the goal is p99 ≤ 20 ms). Real processes and real ptys: `bench vbus`
// (3 SLCAN adapters), `bench bms` (2015 BMS with a VIN) on port 1, a listen-only tap process
// (gbt-bus-tap.ts) on port 2 that stamps the last TP.DT of BRM and the first CRM 0xAA, and here the
// agent's stack (SlcanCanChannel → GbtChargerLink) on port 0 with a decision that looks the VIN up in
// a 10 000-vehicle in-memory map. Both instants are taken at one observation point: `p50_ms`/`p99_ms`
// by the tap's performance.now() on arrival, `bus_clock_*` by the bus's own forwarding stamps (Z1,
// 1 ms resolution). Each session stops (CST) once parameters are exchanged: 200 sessions ≈ 1 min.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { SlcanCanChannel } from '../src/drivers/can/slcan.driver.js';
import { gbtChargerLinkConfig } from '../src/drivers/bms/gbt-charger-link.config.js';
import { GbtChargerLink } from '../src/drivers/bms/gbt-charger-link.driver.js';
import { SerialPortLine } from '../src/drivers/serial/serialport-line.driver.js';
import { systemClock } from '../src/ports/clock.port.js';
import type { Brm } from '../src/protocols/gbt27930/messages/types.js';
import { vinCheckDigit } from '../src/protocols/gbt27930/vin.js';
import { nullLogger } from '../src/shared/logger.js';

const SESSIONS = Number(process.env.GBT_BENCH_SESSIONS ?? 200);
const WARMUP = 5;
const VIN = 'LZYTBTE65K1012345';
const root = join(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench, metric, value: Math.round(value * 100) / 100, unit }));

/** Spawns a child and resolves with its first stdout JSON line; later lines go to `onLine`. */
function child(args: string[], onLine: (o: Record<string, unknown>) => void = () => {}): Promise<Record<string, unknown>> {
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let first = true;
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const o = JSON.parse(line) as Record<string, unknown>;
      if (first) {
        first = false;
        resolve(o);
      } else onLine(o);
    });
    proc.on('exit', (code) => first && reject(new Error(`${args.slice(1, 3).join(' ')} exited (${code}): ${stderr}`)));
  });
}

/** A whitelist of 10 000 valid VINs plus the simulated bus's: the decision is a real map lookup. */
function registry(): Map<string, { plate: string }> {
  const m = new Map<string, { plate: string }>();
  for (let i = 0; i < 10_000; i++) {
    const draft = `LZYTBTE6_K${String(1_000_000 + i).slice(1)}`;
    const vin = draft.replace('_', vinCheckDigit(draft.replace('_', '0')));
    m.set(vin, { plate: `B${i}` });
  }
  m.set(VIN, { plate: 'D12345' });
  return m;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const bench = join(root, 'bin/bench.js');
  const vbus = await child([bench, 'vbus', '--ports', '3', '--json']);
  const ports = vbus.ports as string[];
  await child([bench, 'bms', '--port', ports[1], '--vin', VIN, '--json']);
  const samples: number[] = [];
  const busSamples: number[] = [];
  const sameRead: boolean[] = [];
  let onSample: (() => void) | null = null;
  await child(['--import', 'tsx', join(import.meta.dirname, 'gbt-bus-tap.ts'), ports[2]], (o) => {
    if (typeof o.sample_ms !== 'number' || typeof o.bus_ms !== 'number') return;
    samples.push(o.sample_ms);
    busSamples.push(o.bus_ms);
    sameRead.push(o.same_read === true);
    onSample?.();
  });

  const whitelist = registry();
  const can = new SlcanCanChannel({ line: new SerialPortLine({ path: ports[0], baudRate: 115200 }), bitrate: 250_000, logger: nullLogger, clock: systemClock });
  await can.open();
  const link = new GbtChargerLink({
    can,
    clock: systemClock,
    logger: nullLogger,
    decide: (brm: Brm) => (brm.vin !== null && whitelist.has(brm.vin) ? { allow: true } : { allow: false, reason: 'vin-not-registered' }),
    config: gbtChargerLinkConfig({ chargerNumber: 123456, timeoutsMs: { csd: 50 } }),
  });
  // The power stage answers at once; each session stops as soon as parameters are exchanged.
  link.on('insulation-check', () => link.power({ type: 'insulation-result', ok: true }));
  link.on('phase', (p) => p.to === 'parameters' && link.stop('manual', 'bench'));

  const total = SESSIONS + WARMUP;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const want = i + 1;
    const sampled = new Promise<void>((resolve) => {
      onSample = () => samples.length >= want && resolve();
      onSample();
    });
    const ended = new Promise<string>((resolve) => {
      const off = link.on('ended', (e) => (off(), resolve(`${e.outcome}:${e.reason}`)));
    });
    link.start();
    const bounded = <T>(p: Promise<T>, what: string) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`session ${i}: no ${what} within 10 s`)), 10_000))]);
    const end = await bounded(ended, 'end');
    if (end !== 'stopped:local-stop:bench') throw new Error(`session ${i} ended ${end}`);
    await bounded(sampled, 'CRM 0xAA sample from the tap');
    if (i % 50 === 0) console.error(`session ${i}/${total}: ${samples[i].toFixed(2)} ms`);
  }
  const wallS = (performance.now() - t0) / 1000;
  link.close();
  await can.close();

  const measured = samples.slice(WARMUP, total).sort((a, b) => a - b);
  const onBus = busSamples.slice(WARMUP, total).sort((a, b) => a - b);
  const [load1] = (await import('node:os')).loadavg();
  console.error(`${measured.length} sessions in ${wallS.toFixed(1)} s; min ${measured[0].toFixed(2)} ms, max ${measured.at(-1)!.toFixed(2)} ms; load average ${load1.toFixed(2)}`);
  emit('gbt.vin_to_decision', 'p50_ms', percentile(measured, 50), 'ms');
  emit('gbt.vin_to_decision', 'p99_ms', percentile(measured, 99), 'ms');
  emit('gbt.vin_to_decision', 'max_ms', measured.at(-1)!, 'ms');
  emit('gbt.vin_to_decision', 'bus_clock_p50_ms', percentile(onBus, 50), 'ms');
  emit('gbt.vin_to_decision', 'bus_clock_p99_ms', percentile(onBus, 99), 'ms');
  emit('gbt.vin_to_decision', 'sessions', measured.length, '1');
  emit('gbt.vin_to_decision', 'tap_same_read_sessions', sameRead.slice(WARMUP, total).filter(Boolean).length, '1');
}

try {
  await main();
} catch (e) {
  console.error(`gbt-vin-decision: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const c of children.reverse()) if (c.exitCode === null) c.kill('SIGTERM');
}
