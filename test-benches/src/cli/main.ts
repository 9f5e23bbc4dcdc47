// Entry of the `bench` command: builds the commander program from one registration per
// sub-command (each *.cli.ts exports register(program)). Nothing else happens here.
import { Command } from 'commander';
import { registerCommands } from './commands.js';

const program = new Command('bench').description('pilegate test benches: simulated BMS, meter, card reader, touchscreen; scenarios and demo').showHelpAfterError();
registerCommands(program);
await program.parseAsync(process.argv);
