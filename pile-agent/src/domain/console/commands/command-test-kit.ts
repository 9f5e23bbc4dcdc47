// Test kit for console commands: the full registry, a FakeConsoleContext and a recording ConsoleIo,
// so each command test runs a typed line and reads the lines, the value and what was emitted.
import { createConsoleRegistry } from './index.js';
import { FakeConsoleContext } from '../../../testing/fake-console-context.js';
import type { ConsoleIo } from '../console-io.js';
import type { CommandResult } from '../registry.js';

export interface RecordingIo extends ConsoleIo {
  readonly emitted: string[];
  readonly background: Map<string, () => void>;
  loggedOut: boolean;
  nowMs: number;
}

export function recordingIo(): RecordingIo {
  const registry = createConsoleRegistry();
  const io: RecordingIo = {
    emitted: [],
    background: new Map(),
    loggedOut: false,
    nowMs: Date.UTC(2026, 0, 1, 8, 0, 0),
    emit: (line) => void io.emitted.push(line),
    startBackground: (name, stop) => void io.background.set(name, stop),
    stopBackground: (name) => {
      const stop = io.background.get(name);
      if (!stop) return false;
      io.background.delete(name);
      stop();
      return true;
    },
    isBackground: (name) => io.background.has(name),
    logout: () => void (io.loggedOut = true),
    registry,
    now: () => io.nowMs,
  };
  return io;
}

export function kit(): { ctx: FakeConsoleContext; io: RecordingIo; run: (line: string) => Promise<CommandResult> } {
  const ctx = new FakeConsoleContext();
  const io = recordingIo();
  return { ctx, io, run: (line) => io.registry.run(line, ctx, io) };
}
