// Every technician console command, registered in one place; `createConsoleRegistry()` is what the
// console service runs.
import { CommandRegistry } from '../registry.js';
import type { ConsoleContext } from '../console-context.js';
import type { ConsoleCommand, ConsoleIo, ConsoleRegistry } from '../console-io.js';
import { helpCommand } from './help.cmd.js';
import { statusCommand } from './status.cmd.js';
import { sessionsCommand } from './sessions.cmd.js';
import { whitelistCommand } from './whitelist.cmd.js';
import { whitelistFindCommand } from './whitelist-find.cmd.js';
import { gbtTraceCommand } from './gbt-trace.cmd.js';
import { meterReadCommand } from './meter-read.cmd.js';
import { cardLastCommand } from './card-last.cmd.js';
import { selftestCommand } from './selftest.cmd.js';
import { configShowCommand } from './config-show.cmd.js';
import { logTailCommand } from './log-tail.cmd.js';
import { logoutCommand } from './logout.cmd.js';
import { syncCommand, syncNowCommand } from './sync.cmd.js';
import { keypadCommand, pressCommand, screenCommand } from './screen.cmd.js';
import { probeCommand, provisionCommand } from './bench.cmd.js';

export const CONSOLE_COMMANDS: readonly ConsoleCommand[] = [
  helpCommand,
  statusCommand,
  sessionsCommand,
  whitelistCommand,
  whitelistFindCommand,
  gbtTraceCommand,
  meterReadCommand,
  cardLastCommand,
  selftestCommand,
  configShowCommand,
  logTailCommand,
  logoutCommand,
  syncCommand,
  syncNowCommand,
  screenCommand,
  pressCommand,
  keypadCommand,
  provisionCommand,
  probeCommand,
];

/** A registry holding every console command (callers may register more). */
export function createConsoleRegistry(): ConsoleRegistry {
  const registry = new CommandRegistry<ConsoleContext, ConsoleIo>();
  for (const c of CONSOLE_COMMANDS) registry.register(c);
  return registry;
}
