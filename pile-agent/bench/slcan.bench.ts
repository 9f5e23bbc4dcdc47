// Benchmark: the pure SLCAN path on the CPU — encoding frames to lines, and framer + line decode of
// a received byte stream (reference §5.3 vector A lines, chunked as a USB-CDC adapter delivers them,
// 64 bytes at a time). GB/T 27930 needs ≈50 frames/s; this shows the headroom. JSON lines on stdout.
import { decodeSlcanLine, encodeSlcanFrame } from '../src/protocols/slcan/slcan-codec.js';
import { SlcanFramer } from '../src/protocols/slcan/slcan-framer.js';

const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench, metric, value: Math.round(value), unit }));

const LINES = [
  'T1CEC56F4810310007FF000200',
  'T1CEB56F480101010003F00A80',
  'T1CEB56F4802164341544C0100',
  'T1CEB56F4803000022060FD204',
  'T1CEB56F48040001FF4C5A5954',
  'T1CEB56F480542544536354B31',
  'T1CEB56F480630313233343501',
  'T1CEB56F48071403E707FFFFFF',
  'T1826F4563010100',
  'T100956F41AA',
];
const frames = LINES.map((l) => {
  const r = decodeSlcanLine(l);
  if (!r.ok || r.value.kind !== 'frame') throw new Error(l);
  return r.value.frame;
});

function timeIt(n: number, fn: () => void): number {
  fn(); // warm-up
  globalThis.gc?.();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return performance.now() - t0;
}

const ROUNDS = 50_000;
let sink = 0;
const encMs = timeIt(ROUNDS, () => {
  for (const f of frames) sink += encodeSlcanFrame(f).length;
});
emit('slcan.encode', 'frames_per_s', (ROUNDS * frames.length) / (encMs / 1000), '1/s');

const stream = new TextEncoder().encode(LINES.map((l) => `${l}\r`).join(''));
const chunks: Uint8Array[] = [];
for (let i = 0; i < stream.length; i += 64) chunks.push(stream.subarray(i, i + 64));
const framer = new SlcanFramer();
const decMs = timeIt(ROUNDS, () => {
  for (const c of chunks) {
    for (const t of framer.push(c)) {
      if (t.kind === 'line') {
        const r = decodeSlcanLine(t.text);
        if (r.ok) sink++;
      }
    }
  }
});
emit('slcan.frame+decode', 'frames_per_s', (ROUNDS * LINES.length) / (decMs / 1000), '1/s');
console.error(`checksum ${sink}`);
