// Benchmark: render time per view at 800×480 including the conversion to RGB565 (the framebuffer's
// work), as the agent runs and then confined to one core (below).
// Per view, `full`: scene build + full render + read-back + RGB565 of the whole screen, each render
// following another view so nothing is reused; `update` (charging only): the figures tick every frame,
// so only the dirty rectangle is drawn, read back and converted. Wall-clock p50/p99/max and the
// process CPU time per frame (p50/p99). Each frame runs in its own turn of the event loop, as on the
// pile (the screen renders on an event, never several frames in one synchronous run): the canvas
// library frees the pixels it read back in a finalizer that runs only between turns, so frames drawn
// back to back in one loop take fresh memory from the kernel every time (RSS grew by 1.5 MB a frame,
// to 3 GB after 2,000 frames, and page zeroing made a frame 5 ms instead of 0.6). A second pass runs
// the collector untimed before each frame (`*_gc_outside`) to show the render cost alone.
// Prints JSON lines on stdout, chatter on stderr. SCREEN_BENCH_FRAMES=N changes the frame count.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CanvasRenderer } from '../src/drivers/display/canvas-renderer.js';
import { convertRect } from '../src/drivers/display/pixel-convert.js';
import { buildScene } from '../src/domain/screen/views/index.js';
import { SAMPLE_COMMON, VIEW_SAMPLES } from '../src/domain/screen/view-samples.js';
import type { ScreenState, ViewState } from '../src/domain/screen/view-state.js';
import type { PanelGeometry } from '../src/ports/display.port.js';

// Two runs: first as the agent runs (every core the machine has: V8's background threads — the
// optimising compiler, the concurrent collector — run beside the render), then confined to one core
// (`*.one-core`: the same work plus whatever those threads do, on the render's core).
const PINNED = process.env.SCREEN_BENCH_PINNED === '1';
const SUFFIX = PINNED ? '.one-core' : '';

const W = 800;
const H = 480;
const FRAMES = Number(process.env.SCREEN_BENCH_FRAMES ?? 300);
const WARMUP = 30;
const UPDATE_FRAMES = Number(process.env.SCREEN_BENCH_FRAMES ?? 1000);
const panel: PanelGeometry = { width: W, height: H, pixelFormat: 'RGB565', rotation: 0 };
const fb = new Uint8Array(W * H * 2);

const emit = (bench: string, metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: bench + SUFFIX, metric, value: Math.round(value * 100) / 100, unit }));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const gc = (globalThis as { gc?: () => void }).gc;

const renderer = await CanvasRenderer.create({ width: W, height: H });
const state = (view: ViewState): ScreenState => ({ common: SAMPLE_COMMON, view });

/** One timed frame: build the scene, render it, convert its dirty rectangle to RGB565. */
function frame(s: ScreenState): { wallMs: number; cpuMs: number; area: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const f = renderer.render(buildScene(s, { width: W, height: H }));
  for (const r of f.dirtyRects ?? (f.dirty ? [f.dirty] : [])) convertRect(f.rgba, W, H, r, { dst: fb, lineLengthBytes: W * 2, panel });
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, area: (f.dirtyRects ?? (f.dirty ? [f.dirty] : [])).reduce((a, r) => a + r.w * r.h, 0) };
}

function report(name: string, samples: Array<{ wallMs: number; cpuMs: number; area: number }>): void {
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  emit(name, 'p50_ms', pct(wall, 50), 'ms');
  emit(name, 'p99_ms', pct(wall, 99), 'ms');
  emit(name, 'max_ms', wall[wall.length - 1], 'ms');
  emit(name, 'cpu_p50_ms', pct(cpu, 50), 'ms');
  emit(name, 'cpu_p99_ms', pct(cpu, 99), 'ms');
  const area = samples.reduce((a, s) => a + s.area, 0) / samples.length;
  emit(name, 'dirty_share', area / (W * H), '1');
}

function reportQuiet(name: string, samples: Array<{ wallMs: number; cpuMs: number }>): void {
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  emit(name, 'p50_ms_gc_outside', pct(wall, 50), 'ms');
  emit(name, 'p99_ms_gc_outside', pct(wall, 99), 'ms');
  emit(name, 'cpu_p99_ms_gc_outside', pct(cpu, 99), 'ms');
}

const VIEWS = ['idle', 'connecting', 'authorizing', 'charging', 'keypad', 'receipt', 'refused', 'fault', 'maintenance'] as const;
for (const name of VIEWS) {
  const target = state(VIEW_SAMPLES[name]);
  const other = state(name === 'idle' ? VIEW_SAMPLES.maintenance : VIEW_SAMPLES.idle);
  const samples: Array<{ wallMs: number; cpuMs: number; area: number }> = [];
  const quiet: Array<{ wallMs: number; cpuMs: number; area: number }> = [];
  gc?.();
  for (let i = 0; i < WARMUP + FRAMES; i++) {
    renderer.render(buildScene(other, { width: W, height: H })); // not timed: makes the next one a new view
    await nextTurn();
    const s = frame(target);
    if (i >= WARMUP) samples.push(s);
  }
  for (let i = 0; gc && i < FRAMES; i++) {
    renderer.render(buildScene(other, { width: W, height: H }));
    await nextTurn();
    gc();
    quiet.push(frame(target));
  }
  report(`screen.render.${name}`, samples);
  if (quiet.length) reportQuiet(`screen.render.${name}`, quiet);
  console.error(`# ${name}: ${FRAMES} full frames`);
}

// The charging screen while charging: energy, power, elapsed and cost change every frame.
{
  const base = VIEW_SAMPLES.charging;
  const samples: Array<{ wallMs: number; cpuMs: number; area: number }> = [];
  renderer.render(buildScene(state(base), { width: W, height: H }));
  gc?.();
  // A charging screen ticks for hours: the first few hundred updates (JIT, heap growth) are warm-up.
  for (let i = 0; i < 10 * WARMUP + UPDATE_FRAMES; i++) {
    await nextTurn();
    const s = frame(state({ ...base, energyWh: base.energyWh + i * 27, powerW: 96_500 + (i % 7) * 100, elapsedS: base.elapsedS + i, costFen: base.costFen + i * 3 }));
    if (i >= 10 * WARMUP) samples.push(s);
  }
  report('screen.render.charging-update', samples);
}

// Conversion alone: the whole 800×480 frame to RGB565.
{
  const f = renderer.render(buildScene(state(VIEW_SAMPLES.idle), { width: W, height: H }));
  const t: number[] = [];
  for (let i = 0; i < WARMUP + FRAMES; i++) {
    const t0 = performance.now();
    convertRect(f.rgba, W, H, { x: 0, y: 0, w: W, h: H }, { dst: fb, lineLengthBytes: W * 2, panel });
    if (i >= WARMUP) t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  emit('screen.rgb565.full-frame', 'p50_ms', pct(t, 50), 'ms');
  emit('screen.rgb565.full-frame', 'p99_ms', pct(t, 99), 'ms');
}

if (!PINNED) {
  const core = String(cpus().length - 1);
  if (spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.error(`# again, confined to core ${core} (taskset)`);
    const r = spawnSync('taskset', ['-c', core, process.execPath, ...process.execArgv, fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, SCREEN_BENCH_PINNED: '1' } });
    process.exitCode = r.status ?? 1;
  } else console.error('# taskset not found: no one-core run');
}
