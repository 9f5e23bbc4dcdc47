// `help [command]`: every command with its usage and one-line help, or one command's usage.
import { done, failed } from '../registry.js';
import { columns } from '../format.js';
import type { ConsoleCommand } from '../console-io.js';

export const helpCommand: ConsoleCommand = {
  name: 'help',
  args: [
    { name: 'command', kind: 'string', optional: true },
    { name: 'sub', kind: 'string', optional: true },
  ],
  help: 'list the commands, or show how to use one: help meter read',
  handler(args, _ctx, io) {
    const all = io.registry.list();
    const wanted = [args.command, args.sub].filter((w) => w !== undefined).join(' ');
    const shown = wanted ? all.filter((c) => c.name === wanted || c.name.startsWith(`${wanted} `)) : all;
    if (shown.length === 0) return failed(`no command "${wanted}" (type "help" for the list)`);
    const rows = shown.map((c) => [io.registry.usage(c), c.help]);
    const lines = columns(rows);
    if (!wanted) lines.push('', 'prefix any command with "json" for one JSON line (bench tools); Ctrl-C stops a running trace');
    return done(
      lines,
      shown.map((c) => ({ name: c.name, usage: io.registry.usage(c), help: c.help })),
    );
  },
};
