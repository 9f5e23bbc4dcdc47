// `log tail [n]`: the agent's last n log lines (default 20, oldest first).
import { done } from '../registry.js';
import type { ConsoleCommand } from '../console-io.js';

export const logTailCommand: ConsoleCommand = {
  name: 'log tail',
  args: [{ name: 'lines', kind: 'int', optional: true, min: 1, max: 500 }],
  help: 'the last log lines (default 20, at most 500)',
  handler(args, ctx) {
    const lines = ctx.logTail((args.lines as number | undefined) ?? 20);
    return done(lines.length > 0 ? lines : ['(log is empty)'], lines);
  },
};
