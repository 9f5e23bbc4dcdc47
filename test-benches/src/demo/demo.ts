// The demo (`npm start` = `bench demo`): brings up one pile's CAN side on real serial links (virtual
// bus on socat ptys, the agent's GB/T stack over SLCAN, a BMS simulator over SLCAN per arriving bus),
// plays the acts in order with a narrative, then checks every act's expectations. The result says
// whether all held; the CLI turns it into exit 0 / 1, so the demo doubles as a smoke test.
import { fileCandumpSink } from '../../../pile-agent/index.js';
import type { Act, DemoTiming, Expectation } from './act.js';
import { legacy2011Act } from './acts/legacy-2011.act.js';
import { registeredVinAct } from './acts/registered-vin.act.js';
import { unregisteredVinAct } from './acts/unregistered-vin.act.js';
import { GbtPileRig } from './gbt-pile.rig.js';
import { DEMO_VEHICLES, VinRegistry } from './vin-registry.js';

/** The acts, in the order they play. Add new acts here (one file each under acts/). */
export const DEMO_ACTS: readonly Act[] = [registeredVinAct, unregisteredVinAct, legacy2011Act];

export const REFERENCE_TIMING: DemoTiming = { bhmFallbackMs: 5_000, bmsCrmAaTimeoutMs: 5_000, csdMs: 1_000, sessionBoundMs: 30_000 };
export const FAST_TIMING: DemoTiming = { bhmFallbackMs: 1_000, bmsCrmAaTimeoutMs: 1_500, csdMs: 300, sessionBoundMs: 20_000 };

export interface DemoOptions {
  readonly say: (line: string) => void;
  readonly timing: DemoTiming;
  /** Act ids to play (default: all). */
  readonly only?: readonly string[];
  /** The acts to choose from (default DEMO_ACTS; tests pass their own). */
  readonly acts?: readonly Act[];
  /** Append the bus traffic to this file as candump -L lines. */
  readonly candumpFile?: string;
}

export interface ActResult {
  readonly act: Act;
  readonly expectations: readonly Expectation[];
  readonly error?: string;
}

export interface DemoResult {
  readonly ok: boolean;
  readonly acts: readonly ActResult[];
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const all = o.acts ?? DEMO_ACTS;
  const acts = o.only?.length ? all.filter((a) => o.only!.includes(a.id)) : all;
  const unknown = (o.only ?? []).filter((id) => !all.some((a) => a.id === id));
  if (unknown.length) throw new RangeError(`unknown act(s) ${unknown.join(', ')}; known: ${all.map((a) => a.id).join(', ')}`);
  const { say, timing } = o;
  const registry = new VinRegistry(DEMO_VEHICLES);
  say('pilegate demo — one DC pile at the depot; its CAN side runs over real serial links');
  const rig = await GbtPileRig.start({
    decide: registry.decide,
    link: { chargerNumber: 123456, timeoutsMs: { bhm: timing.bhmFallbackMs, csd: timing.csdMs } },
    power: { speed: 40, measureEveryMs: 100 },
    candump: o.candumpFile ? fileCandumpSink(o.candumpFile, (e) => say(`  (cannot write ${o.candumpFile}: ${e.message})`)) : undefined,
  });
  const results: ActResult[] = [];
  try {
    say(`  virtual CAN bus up (socat ptys, SLCAN adapters at 250 kbit/s): agent on ${rig.bus.paths[0]}, bus BMS on ${rig.bmsPath}`);
    say(`  decision: mode 4 (VIN only) over the registry: ${DEMO_VEHICLES.map((v) => `${v.vin} ${v.plate} (${v.department})`).join('; ')}`);
    if (o.candumpFile) say(`  bus traffic → ${o.candumpFile} (candump -L)`);
    for (const [i, act] of acts.entries()) {
      say('');
      say(`Act ${i + 1} — ${act.title}`);
      try {
        const expectations = await act.run({ rig, registry, timing, say });
        results.push({ act, expectations });
      } catch (e) {
        await rig.unplugSim().catch(() => undefined);
        results.push({ act, expectations: [], error: (e as Error).message });
      }
      printChecks(results.at(-1)!, say);
    }
  } finally {
    await rig.close();
  }
  const ok = results.every((r) => !r.error && r.expectations.length > 0 && r.expectations.every((x) => x.ok));
  const held = results.reduce((n, r) => n + r.expectations.filter((x) => x.ok).length, 0);
  const count = results.reduce((n, r) => n + r.expectations.length, 0);
  say('');
  say(`${ok ? 'DEMO OK' : 'DEMO FAILED'}: ${results.length} act(s), ${held}/${count} expectations held`);
  return { ok, acts: results };
}

function printChecks(r: ActResult, say: (line: string) => void): void {
  if (r.error) say(`  ✗ the act failed: ${r.error}`);
  for (const x of r.expectations) say(`  ${x.ok ? '✓' : '✗'} ${x.label}${x.ok || !x.seen ? '' : ` — seen: ${x.seen}`}`);
}
