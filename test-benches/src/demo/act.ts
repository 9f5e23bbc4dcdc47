// What one act of the demo is: a title, and a run over the shared scene (the pile rig, the registry,
// the timing profile, the output) that returns its expectations as data — each a label, whether it
// held, and what was seen. Later issues add acts (cloud, card reader, meter, screen) as new files.
import type { GbtPileRig } from './gbt-pile.rig.js';
import type { VinRegistry } from './vin-registry.js';

export interface Expectation {
  readonly label: string;
  readonly ok: boolean;
  /** What was actually seen, shown when the expectation failed. */
  readonly seen?: string;
}

/** Protocol waits of the demo: the reference's by default, shortened with `--fast`. */
export interface DemoTiming {
  /** Charger's wait for BHM before the 2011 fallback (reference §4.2 S1: 5 s). */
  readonly bhmFallbackMs: number;
  /** BMS's wait for CRM 0xAA after its first BRM before BEM (§4.3: 5 s). */
  readonly bmsCrmAaTimeoutMs: number;
  /** How long the charger repeats CSD at the end. */
  readonly csdMs: number;
  /** Bound on one session, after which the act fails. */
  readonly sessionBoundMs: number;
}

export interface DemoScene {
  readonly rig: GbtPileRig;
  readonly registry: VinRegistry;
  readonly timing: DemoTiming;
  readonly say: (line: string) => void;
}

export interface Act {
  readonly id: string;
  readonly title: string;
  run(scene: DemoScene): Promise<readonly Expectation[]>;
}

export const expect = (label: string, ok: boolean, seen?: unknown): Expectation =>
  ({ label, ok, ...(ok || seen === undefined ? {} : { seen: typeof seen === 'string' ? seen : JSON.stringify(seen) }) });
