// Benchmark fuzz: a million seeded cases on every decoder and parser a hostile wire or file reaches
// (GB/T 27930 messages and TP, SLCAN, Modbus RTU and TCP framing, PN532 frames, evdev records and the
// touch assembler, candump lines, every MQTT contract message, charger profiles, vehicle files as CSV
// and XLSX — 2,000 of those: a workbook is unzipped per case and some wait out a 300 ms deadline,
// FUZZ_XLSX_CASES): crashes (goal 0),
// accepted cases and cases per second per target. FUZZ_CASES=N changes the count, FUZZ_SEED=N the
// seed; the first crash prints its case number to reproduce it. `npm run bench -- fuzz`
import { FuzzRandom, runFuzz } from '../../pile-agent/testing.js';
import { ALL_FUZZ_TARGETS } from '../src/fuzz/all-targets.js';

const CASES = Number(process.env.FUZZ_CASES ?? 1_000_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench, metric, value, unit }));

let crashed = 0;
for (const [i, target] of ALL_FUZZ_TARGETS.entries()) {
  const seed = SEED + i;
  const t0 = performance.now();
  const out = await runFuzz(target, new FuzzRandom(seed), target.name === 'cloud.vehicle-xlsx' ? Math.min(CASES, Number(process.env.FUZZ_XLSX_CASES ?? 2_000)) : CASES);
  const s = (performance.now() - t0) / 1000;
  emit(`fuzz.${target.name}`, 'cases', out.cases, '1');
  emit(`fuzz.${target.name}`, 'crashes', out.crashes, '1');
  emit(`fuzz.${target.name}`, 'accepted', out.accepted, '1');
  emit(`fuzz.${target.name}`, 'cases_per_s', Math.round(out.cases / s), '1/s');
  if (out.first) console.error(`# ${target.name}: first crash at case ${out.first.case} of seed ${seed}: ${out.first.message}`);
  crashed += out.crashes;
}
if (crashed > 0) process.exitCode = 1;
