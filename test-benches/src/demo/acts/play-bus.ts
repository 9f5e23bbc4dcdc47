// One bus through the demo pile, as the refusal acts play it: plug the simulated BMS, narrate, run
// one session until it ends (or the act's bound), unplug, and hand back what each side recorded —
// the simulator's observations, the agent's session record and the bus log of that session.
import type { BmsSimConfig } from '../../sims/bms/gbt-bms.sim.js';
import type { DemoScene } from '../act.js';
import { narrate } from '../narrator.js';

export async function playBus({ rig, registry, timing, say }: DemoScene, bms: Omit<BmsSimConfig, 'settings'>) {
  const sim = await rig.plugSim({ ...bms, settings: { timing: { crmAaTimeoutMs: timing.bmsCrmAaTimeoutMs } } });
  const quiet = narrate(rig, registry, say);
  const s = rig.startSession();
  try {
    await s.ended(timing.sessionBoundMs).catch(() => undefined);
  } finally {
    quiet();
    s.dispose();
  }
  const seen = sim.observations;
  await rig.unplugSim();
  return { seen, record: s.record, bus: rig.busLog.since(s.busMark) };
}
