// `npm run bench -- gbt`: decodes a recorded session the way `pile-agent gbt decode` does (candump
// line parse + per-interface TP reassembly + message decode, no printing) on one core. The capture:
// vector A's identification (reference §7.5) then 5 minutes of charging traffic — BCL 50 ms, CCS
// 50 ms, BSM 250 ms, BCS by TP (RTS/CTS/DT/DT/EoMA) 250 ms — built with the project's own encoders.
// Goal ≥ 180,000 frames/s (100× a saturated 250 kbit/s bus); with JSON formatting and through the
// real command (`frames_per_s_cli`: `pile-agent gbt decode FILE > /dev/null` on a 1,000,000-frame
// capture, start-up included; dist/ when built) the goals are ≥ 1 M and ≥ 500,000/s. The command
// reuses the JSON of frames that repeat (trace-json.ts); `frames_per_s_cli_distinct` is the same
// command on a capture where no frame repeats. Figures on stdout, chatter on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCandumpLine } from '../src/protocols/candump/candump-line.js';
import { SAMPLE_BSM, VECTOR_A, frameOfRow } from '../src/protocols/gbt27930/fixtures/index.js';
import { encodeMessage, frameFor } from '../src/protocols/gbt27930/messages/index.js';
import { BMS_ADDRESS, CHARGER_ADDRESS } from '../src/protocols/gbt27930/pgn-table.js';
import { encodeTpCm } from '../src/protocols/gbt27930/transport/tp-cm.js';
import { tpCmId, transferFrames } from '../src/protocols/gbt27930/transport/tp-segment.js';
import { CandumpTraceDecoder } from '../src/protocols/gbt27930/trace/candump-trace.js';
import { jsonLine } from '../src/protocols/gbt27930/trace/json-line.js';
import { TraceJsonFormatter } from '../src/protocols/gbt27930/trace/trace-json.js';

const CHARGING_S = 300;
const T0 = 1_700_000_000;

function capture(): string[] {
  const lines: string[] = [];
  const push = (tMs: number, f: { id: number; data: Uint8Array }) => lines.push(formatCandumpLine({ t: T0 + tMs / 1000, iface: 'can0', id: f.id, extended: true, rtr: false, data: f.data }));
  VECTOR_A.slice(0, 25).forEach((r, i) => push(i * 10, frameOfRow(r)));
  const start = 1000;
  const bms = { source: BMS_ADDRESS, destination: CHARGER_ADDRESS };
  const ctsId = tpCmId({ source: CHARGER_ADDRESS, destination: BMS_ADDRESS });
  for (let ms = 0; ms < CHARGING_S * 1000; ms += 50) {
    const t = start + ms;
    const currentDeciA = 2000 - Math.floor(ms / 6000); // slowly tapering
    const soc = 36 + Math.floor((ms / (CHARGING_S * 1000)) * 10);
    push(t, frameFor({ name: 'BCL', voltageDemandDeciV: 6480, currentDemandDeciA: currentDeciA, mode: 'constant-current' }));
    push(t + 2, frameFor({ name: 'CCS', outputVoltageDeciV: 5925, outputCurrentDeciA: currentDeciA - 5, chargingTimeMin: Math.floor(ms / 60000), permitted: true }));
    if (ms % 250 !== 0) continue;
    push(t + 4, frameFor(SAMPLE_BSM));
    const bcs = encodeMessage({
      name: 'BCS',
      measuredVoltageDeciV: 5920,
      measuredCurrentDeciA: currentDeciA - 10,
      highestCellVoltageCentiV: 332,
      highestCellGroup: 1,
      socPercent: soc,
      remainingMin: 95 - Math.floor(ms / 60000),
    });
    const tr = transferFrames(bcs.pgn, bcs.data, bms);
    push(t + 10, tr.rts);
    push(t + 11, { id: ctsId, data: encodeTpCm({ type: 'cts', packets: 2, nextPacket: 1, pgn: bcs.pgn }) });
    tr.dts.forEach((f, i) => push(t + 20 + i * 10, f));
    push(t + 41, { id: ctsId, data: encodeTpCm({ type: 'eoma', sizeBytes: 9, packets: 2, pgn: bcs.pgn }) });
  }
  return lines;
}

function pass(lines: readonly string[], json: boolean): { ms: number; records: number } {
  const decoder = new CandumpTraceDecoder();
  let records = 0;
  let chars = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) {
    const rs = decoder.line(lines[i], i + 1);
    records += rs.length;
    if (json) for (const r of rs) chars += jsonLine(r as unknown as Record<string, unknown>).length;
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (json && chars === 0) throw new Error('nothing formatted');
  return { ms, records };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const lines = capture();
console.error(`# capture: ${lines.length} frames (${CHARGING_S} s of charging after vector A's identification)`);
for (const json of [false, true]) {
  pass(lines, json); // warm-up
  (globalThis as { gc?: () => void }).gc?.();
  const runs = Array.from({ length: 7 }, () => pass(lines, json));
  const fps = Math.round(lines.length / (median(runs.map((r) => r.ms)) / 1000));
  console.error(`# ${json ? 'with JSON formatting' : 'decode only'}: ${runs[0].records} records per pass, median of 7 passes`);
  console.log(JSON.stringify({ bench: 'gbt.decode', metric: json ? 'frames_per_s_with_json' : 'frames_per_s', value: fps, unit: '1/s' }));
}

// The command itself: the capture repeated (times shifted) to 1,000,000 frames, decoded to /dev/null.
const dir = mkdtempSync(join(tmpdir(), 'gbt-decode-bench-'));
try {
  const file = join(dir, 'day.candump');
  const rounds = Math.ceil(1_000_000 / lines.length);
  const span = CHARGING_S + 10;
  const big: string[] = [];
  for (let r = 0; r < rounds && big.length < 1_000_000; r++) for (const l of lines) big.push(l.replace(/^\((\d+)/, (_m, s: string) => `(${Number(s) + r * span}`));
  big.length = Math.min(big.length, 1_000_000);
  writeFileSync(file, `${big.join('\n')}\n`);
  const memo = new TraceJsonFormatter();
  big.forEach((l, i) => memo.line(l, i + 1));
  console.error(`# lines answered from the memo of repeated frames: ${(memo.hitRate * 100).toFixed(1)} %`);
  runCommand(file, big.length, 'frames_per_s_cli');
  // The worst case for the memo: no frame repeats (every BCL's current differs), so nothing is reused.
  const distinct = Array.from({ length: 1_000_000 }, (_, i) =>
    formatCandumpLine({
      t: T0 + i / 1000,
      iface: 'can0',
      id: frameFor({ name: 'BCL', voltageDemandDeciV: 6480, currentDemandDeciA: 0, mode: 'constant-current' }).id,
      extended: true,
      rtr: false,
      data: Uint8Array.of(0x50, 0x19, i & 0xff, (i >> 8) & 0xff, 0x02),
    }),
  );
  writeFileSync(file, `${distinct.join('\n')}\n`);
  runCommand(file, distinct.length, 'frames_per_s_cli_distinct');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** `pile-agent gbt decode FILE > /dev/null`, timed from spawn to exit. */
function runCommand(file: string, frames: number, metric: string): void {
  const out = openSync('/dev/null', 'w');
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/pile-agent.js'), 'gbt', 'decode', file], { stdio: ['ignore', out, 'pipe'] });
  const s = (performance.now() - t) / 1000;
  closeSync(out);
  if (r.status !== 0) throw new Error(`gbt decode failed: ${r.stderr}`);
  console.error(`# the command on ${frames} frames: ${s.toFixed(2)} s`);
  console.log(JSON.stringify({ bench: 'gbt.decode', metric, value: Math.round(frames / s), unit: '1/s' }));
}
