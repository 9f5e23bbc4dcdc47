// Plays one scenario: starts the world (scenario-world.ts), plays the steps in order — each reported as it goes with its line in the
// file — and stops at the first that fails, with what was expected and seen. Always closes the world.
import type { BenchProfile } from '../hil/bench-profile.js';
import { playStep, type StepContext } from './scenario-steps.js';
import type { ScreenRecorder } from './scenario-screens.js';
import { startWorld, type ScenarioWorld } from './scenario-world.js';
import type { Phase, Scenario } from './scenario.types.js';

export interface StepResult {
  readonly index: number;
  readonly line: number;
  readonly kind: string;
  readonly ok: boolean;
  readonly text: string;
  readonly ms: number;
}

export interface ScenarioResult {
  readonly file: string;
  readonly scenario: string;
  readonly ok: boolean;
  readonly steps: readonly StepResult[];
  /** Why it did not run or stopped (world start, a failed step). */
  readonly error: string | null;
  readonly ms: number;
  /** The temporary folder, when kept. */
  readonly dir: string | null;
}

export interface RunOptions {
  readonly say: (line: string) => void;
  /** Keep the temporary folder (cloud database, agent journals) for a look afterwards. */
  readonly keep?: boolean;
  /** Writes the piles' screens as PNGs after each step (scenario-screens.ts). */
  readonly screens?: ScreenRecorder;
  /** Runs after the last step, before the world closes (the demo keeps the depot running there). */
  readonly hold?: (world: ScenarioWorld, ok: boolean) => Promise<void>;
  /** The cloud's HTTP port (default: a free one). */
  readonly httpPort?: number;
  /** Real controllers on a bench play the piles (hil/bench-profile.ts); `env` holds their console PINs. */
  readonly bench?: BenchProfile;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export async function runScenario(s: Scenario, o: RunOptions): Promise<ScenarioResult> {
  const t0 = Date.now();
  const base = { file: s.file, scenario: s.scenario };
  o.say(`▶ ${s.file}: ${s.scenario}`);
  let world: Awaited<ReturnType<typeof startWorld>>;
  try {
    world = await startWorld(s.depot, o.say, { httpPort: o.httpPort, bench: o.bench, env: o.env });
  } catch (e) {
    return { ...base, ok: false, steps: [], error: `the depot did not start: ${(e as Error).message}`, ms: Date.now() - t0, dir: null };
  }
  const phases = { entered: new Map<string, Phase[]>(), told: new Map<string, string[]>(), cursor: new Map<string, number>() };
  world.onPhase((pileId, id, phase, outcome) => {
    const key = `${pileId}/${id}`;
    const log = phases.entered.get(key) ?? [];
    if (log.at(-1) === phase) return;
    log.push(phase);
    phases.entered.set(key, log);
    phases.told.set(key, [...(phases.told.get(key) ?? []), phase === 'refused' ? `refused (${outcome})` : phase]);
  });
  const ctx: StepContext = { world, phases };
  const results: StepResult[] = [];
  let error: string | null = null;
  try {
    for (const [i, step] of s.steps.entries()) {
      const kind = Object.keys(step)[0];
      const t = Date.now();
      try {
        const text = await playStep(ctx, step);
        results.push({ index: i, line: s.stepLines[i], kind, ok: true, text, ms: Date.now() - t });
        if (kind === 'say') o.say(`\n  ${text}`);
        else o.say(`  ✓ ${String(s.stepLines[i]).padStart(3)} ${kind}: ${text}`);
        for (const f of (await o.screens?.capture(world)) ?? []) o.say(`        screen → ${f}`);
      } catch (e) {
        const text = (e as Error).message;
        results.push({ index: i, line: s.stepLines[i], kind, ok: false, text, ms: Date.now() - t });
        o.say(`  ✗ ${String(s.stepLines[i]).padStart(3)} ${kind}: ${text}`);
        error = `step ${i + 1} (line ${s.stepLines[i]}) ${kind}: ${text}`;
        break;
      }
    }
    await o.hold?.(world, error === null);
  } finally {
    await world.close(o.keep ?? false);
  }
  return { ...base, ok: error === null, steps: results, error, ms: Date.now() - t0, dir: o.keep ? world.dir : null };
}
