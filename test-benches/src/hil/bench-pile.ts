// One pile of a scenario played by a real controller on a bench: the simulators (bus BMS, meters,
// card) on the bench's serial adapters wired to it (SimRig with `ports`), the controller driven
// through its console (console-pile.ts) and provisioned with this run's identity — pile id, station,
// the cloud's broker, the secret the cloud just issued — before the scenario's steps begin.
import type { PileAgentHandle } from '../scenarios/pile-process.js';
import type { PileUnderTest } from '../scenarios/pile-under-test.js';
import { SimRig } from '../wiring/sim-rig.js';
import type { BenchPile } from './bench-profile.js';
import { ConsolePile } from './console-pile.js';

export interface BenchPileOptions {
  readonly id: string;
  readonly stationId: number;
  readonly secret: string;
  /** The cloud's broker as the controller reaches it. */
  readonly mqttUrl: string;
  readonly bench: BenchPile;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onAgent: (agent: PileAgentHandle) => void;
}

export async function startBenchPile(o: BenchPileOptions): Promise<PileUnderTest> {
  const b = o.bench;
  const rig = await SimRig.start({
    pileId: o.id,
    profile: b.profile,
    ports: { can: new Map(Object.entries(b.can).map(([k, v]) => [Number(k), v])), canBitrate: b.canBitrate, meters: b.meters, ...(b.reader ? { reader: b.reader } : {}) },
  });
  let agent: ConsolePile;
  try {
    agent = await ConsolePile.connect(o.id, b, o.env);
    try {
      await agent.provision({ pileId: o.id, stationId: o.stationId, url: o.mqttUrl }, o.secret);
    } catch (e) {
      await agent.stop();
      throw e;
    }
  } catch (e) {
    await rig.close();
    throw e;
  }
  o.onAgent(agent);
  return { id: o.id, rig, agent, buses: new Map(), pluggedAt: new Map(), powerCut: () => agent.kill(), powerOn: () => agent.powerOn() };
}
