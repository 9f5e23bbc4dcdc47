// Benchmark: the virtual CAN bus in the path agent ↔ SLCAN ↔ pty ↔ bus ↔ pty ↔ SLCAN ↔ agent.
// Round trip: port 0 sends, port 1's listener answers at once, port 0 receives the answer (two bus
// hops, two acked transmits); one-way throughput: port 0 sends acked frames back to back while port
// 1 counts them. GB/T 27930 needs ≈50 frames/s with ≈10 ms TP.DT spacing. JSON lines on stdout.
import { SerialPortLine, SlcanCanChannel } from '../../pile-agent/drivers.js';
import { hex, nullLogger, systemClock, type CanFrame } from '../../pile-agent/ports.js';
import { VirtualCanBus } from '../src/transports/virtual-bus.js';

const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, unit }));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const ROUND_TRIPS = Number(process.env.VBUS_BENCH_ROUND_TRIPS ?? 500);
const BURST = Number(process.env.VBUS_BENCH_BURST ?? 2000);

const bus = await VirtualCanBus.start({ ports: 2, clock: systemClock, logger: nullLogger });
const [a, b] = bus.paths.map((path) => new SlcanCanChannel({ line: new SerialPortLine({ path, baudRate: 115200 }), bitrate: 250_000, logger: nullLogger, clock: systemClock }));
try {
  await a.open();
  await b.open();
  const cts: CanFrame = { id: 0x1cecf456, extended: true, data: hex('110701FFFF000200') };
  const rts: CanFrame = { id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') };

  // round trip
  let answer: (() => void) | null = null;
  b.onFrame((f) => f.id === rts.id && void b.send(cts));
  a.onFrame((f) => f.id === cts.id && answer?.());
  const rtt: number[] = [];
  for (let i = 0; i < ROUND_TRIPS + 20; i++) {
    const got = new Promise<void>((r) => (answer = r));
    const t0 = performance.now();
    await a.send(rts);
    await got;
    if (i >= 20) rtt.push(performance.now() - t0);
  }
  rtt.sort((x, y) => x - y);
  emit('vbus.round-trip', 'p50_ms', pct(rtt, 50), 'ms');
  emit('vbus.round-trip', 'p99_ms', pct(rtt, 99), 'ms');
  emit('vbus.round-trip', 'max_ms', rtt[rtt.length - 1], 'ms');

  // one-way acked throughput
  let counted = 0;
  let done: (() => void) | null = null;
  b.onFrame((f) => f.id === 0x1ceb56f4 && ++counted === BURST && done?.());
  const all = new Promise<void>((r) => (done = r));
  const t0 = performance.now();
  for (let i = 0; i < BURST; i++) await a.send({ id: 0x1ceb56f4, extended: true, data: hex('0101010003F00A80') });
  await all;
  emit('vbus.one-way', 'frames_per_s', BURST / ((performance.now() - t0) / 1000), '1/s');
} finally {
  await a.close();
  await b.close();
  await bus.close();
}
