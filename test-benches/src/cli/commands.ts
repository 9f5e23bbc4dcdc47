// The list of `bench` sub-commands. Add one import and one call per *.cli.ts file.
import type { Command } from 'commander';
import { register as registerMeterSim } from './meter-sim.cli.js';
import { register as card } from './card.cli.js';
import { register as vbus } from './vbus.cli.js';
import { register as bms } from './bms.cli.js';
import { register as demo } from './demo.cli.js';
import { register as rig } from './rig.cli.js';
import { register as touchscreen } from './touchscreen.cli.js';
import { register as check } from './check.cli.js';
import { register as run } from './run.cli.js';
import { register as load } from './load.cli.js';

export function registerCommands(program: Command): void {
  card(program);
  registerMeterSim(program);
  vbus(program);
  bms(program);
  demo(program);
  rig(program);
  touchscreen(program);
  check(program);
  run(program);
  load(program);
}
