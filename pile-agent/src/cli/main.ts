// Entry of the `pile-agent` command: builds the commander program from one registration per
// sub-command (each *.cli.ts exports register(program)). Nothing else happens here.
import { Command } from 'commander';
import { registerCommands } from './commands.js';

const program = new Command('pile-agent').description('pilegate charger-side agent: GB/T 27930 VIN, cards, offline whitelist, sessions').showHelpAfterError();
registerCommands(program);
await program.parseAsync(process.argv);
