// The power stage's simulator (the `powerStage: bench` config, the power-stage port's stand-in on a
// bench): answers the GB/T link's requests (insulation check, voltage check + pre-charge; reference
// §4.1 steps 4 and 7) as passing after the configured delays, and ignores output set-points. Real
// power modules need their own driver (a later issue); energy is measured by the meter, never here.
import type { BmsLink } from '../../ports/bms-link.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { PowerStage } from '../../ports/power-stage.port.js';

export interface BenchPowerStageOptions {
  readonly clock: Clock;
  readonly insulationMs: number;
  readonly prechargeMs: number;
}

export class BenchPowerStageSim implements PowerStage {
  constructor(private readonly o: BenchPowerStageOptions) {}

  attach(link: BmsLink): () => void {
    return attachBench({ ...this.o, link });
  }
}

function attachBench(deps: BenchPowerStageOptions & { readonly link: BmsLink }): () => void {
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
