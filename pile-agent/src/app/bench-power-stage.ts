// The stand-in power stage of the `powerStage: bench` config: answers the GB/T link's requests
// (insulation check, voltage check + pre-charge; reference §4.1 steps 4 and 7) as passing after the
// configured delays, and ignores output set-points. Real power modules need their own driver (a
// later issue); energy is measured by the meter, never by this stand-in.
import type { BmsLink } from '../ports/bms-link.port.js';
import type { Clock, TimerHandle } from '../ports/clock.port.js';

export interface BenchPowerStageDeps {
  readonly link: BmsLink;
  readonly clock: Clock;
  readonly insulationMs: number;
  readonly prechargeMs: number;
}

/** Wires the stand-in to one link; returns the function that detaches it. */
export function attachBenchPowerStage(deps: BenchPowerStageDeps): () => void {
  const timers = new Set<TimerHandle>();
  const after = (ms: number, fn: () => void) => {
    const t = deps.clock.setTimer(ms, () => {
      timers.delete(t);
      fn();
    });
    timers.add(t);
  };
  const offs = [
    deps.link.on('insulation-check', () => after(deps.insulationMs, () => deps.link.power({ type: 'insulation-result', ok: true }))),
    deps.link.on('prepare-output', () => after(deps.prechargeMs, () => deps.link.power({ type: 'precharge-done', ok: true }))),
  ];
  return () => {
    for (const off of offs) off();
    for (const t of timers) t.cancel();
    timers.clear();
  };
}
