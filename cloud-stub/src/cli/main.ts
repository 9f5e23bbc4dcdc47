// Entry of the `cloud-stub` command: builds the commander program from one registration per
// sub-command (each *.cli.ts exports register(program)). Nothing else happens here.
import { Command } from 'commander';
import { registerCommands } from './commands.js';

const program = new Command('cloud-stub')
  .description('pilegate the cloud: departments, fund pools, cards, vehicles, sessions, reports, MQTT')
  .showHelpAfterError();
registerCommands(program);
await program.parseAsync(process.argv);
