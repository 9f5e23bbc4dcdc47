// The list of `pile-agent` sub-commands. Add one import and one call per *.cli.ts file.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
