// One pile as a scenario sees it: the simulators around it (the rig: bus, meters, card reader), the
// agent that decides (a process on this machine, or a controller on a bench), the bus last plugged
// into each connector and when, and the pile's power switch.
import type { GbtBmsSim } from '../sims/bms/gbt-bms.sim.js';
import type { SimRig } from '../wiring/sim-rig.js';
import type { PileAgentHandle } from './pile-process.js';

export interface PileUnderTest {
  readonly id: string;
  readonly rig: SimRig;
  /** The running agent; replaced by power-on. */
  agent: PileAgentHandle;
  /** The bus on each connector (the last plug), for what the BMS saw. */
  readonly buses: Map<number, GbtBmsSim>;
  /** When that bus was plugged (ms since the epoch): journal rows from before belong to earlier buses. */
  readonly pluggedAt: Map<number, number>;
  /** kill -9 of the agent: its power is cut (the rig, the bus and the meter stay). */
  powerCut(): Promise<void>;
  /** The agent started again on the same config and data; resolves when it runs. */
  powerOn(): Promise<void>;
}
