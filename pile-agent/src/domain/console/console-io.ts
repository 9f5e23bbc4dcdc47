// What a console command may do besides answering: print lines later (a live trace), own a
// background activity that Ctrl-C, `logout` and the end of the session stop, end the login, and read
// the registry (for `help`). The console service implements it per connection; tests fake it.
import type { CommandRegistry, CommandSpec } from './registry.js';
import type { ConsoleContext } from './console-context.js';

export interface ConsoleIo {
  /** Prints a line outside the request/answer rhythm, keeping what the technician is typing intact. */
  emit(line: string): void;
  /** Starts a named background activity; `stop` is called by Ctrl-C, logout, close or stopBackground. */
  startBackground(name: string, stop: () => void): void;
  /** Stops a named background activity; false when it was not running. */
  stopBackground(name: string): boolean;
  isBackground(name: string): boolean;
  /** Ends the technician's login once the current answer is printed. */
  logout(): void;
  readonly registry: ConsoleRegistry;
  /** Wall-clock ms (for ages and timestamps in answers). */
  now(): number;
}

export type ConsoleRegistry = CommandRegistry<ConsoleContext, ConsoleIo>;
export type ConsoleCommand = CommandSpec<ConsoleContext, ConsoleIo>;
