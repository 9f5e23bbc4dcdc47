// Entry of the `cloud-stub` command: builds the commander program from one registration per
// sub-command (each *.cli.ts exports register(program)), and turns any failure into one line on
// stderr and exit code 1 (the server's message with its field, or the import's row list).
import { Command } from 'commander';
import { CliError } from './api-client.js';
import { DEFAULT_URL } from './cli-context.js';
import { registerCommands } from './commands.js';

const program = new Command('cloud-stub')
  .description('pilegate the cloud: departments, fund pools, cards, vehicles, sessions, reports, MQTT')
  .option('--url <url>', `cloud API address (env PILEGATE_CLOUD_URL, default ${DEFAULT_URL})`)
  .option('--json', 'print the server replies as JSON')
  .option('--no-progress', 'no progress bar on imports and exports')
  .showHelpAfterError('(add --help for usage)');
registerCommands(program);
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CliError) {
    process.stderr.write(`error: ${e.message}\n`);
    for (const d of e.details) process.stderr.write(`  ${d}\n`);
  } else {
    process.stderr.write(`error: ${(e as Error).message ?? String(e)}\n`);
  }
  process.exitCode = 1;
}
