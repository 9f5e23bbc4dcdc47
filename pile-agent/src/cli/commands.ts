// The list of `pile-agent` sub-commands. Add one import and one call per *.cli.ts file.
import type { Command } from 'commander';
import { register as registerProfileCheck } from './profile-check.cli.js';
import { register as registerMeterRead } from './meter-read.cli.js';
import { register as registerGbtDecode } from './gbt-decode.cli.js';
import { register as registerRun } from './run.cli.js';
import { register as registerWhitelistImport } from './whitelist-import.cli.js';
import { register as registerScreen } from './screen-render.cli.js';
import { register as registerConsolePin } from './console-pin.cli.js';

export function registerCommands(program: Command): void {
  void program;
  registerProfileCheck(program);
  registerMeterRead(program);
  registerGbtDecode(program);
  registerRun(program);
  registerWhitelistImport(program);
  registerScreen(program);
  registerConsolePin(program);
}
