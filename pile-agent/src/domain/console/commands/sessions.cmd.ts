// `sessions [count]`: the open sessions, then the most recent finished ones (newest first), one
// line each with connector, mode, credential, VIN/plate, start time, energy and stop reason.
import { done } from '../registry.js';
import { columns, milli } from '../format.js';
import type { SessionSummary } from '../console-context.js';
import type { ConsoleCommand } from '../console-io.js';

const HEADER = ['session', 'conn', 'state', 'mode', 'credential', 'vin', 'plate', 'started', 'energy', 'stop reason'];

function row(s: SessionSummary): string[] {
  return [
    s.sessionId,
    String(s.connectorId),
    s.state,
    s.mode === null ? '-' : String(s.mode),
    s.credential,
    s.vin ?? '-',
    s.plate ?? '-',
    s.startedAt,
    s.energyWh === null ? '-' : milli(s.energyWh, 'kWh'),
    s.stopReason ?? '-',
  ];
}

export const sessionsCommand: ConsoleCommand = {
  name: 'sessions',
  args: [{ name: 'count', kind: 'int', optional: true, min: 1, max: 100 }],
  help: 'open sessions and the most recent finished ones (default 10)',
  handler(args, ctx) {
    const { open, recent } = ctx.sessions((args.count as number | undefined) ?? 10);
    const lines = [`open: ${open.length}`];
    if (open.length > 0) lines.push(...columns([HEADER, ...open.map(row)]).map((l) => `  ${l}`));
    lines.push(`recent: ${recent.length}`);
    if (recent.length > 0) lines.push(...columns([HEADER, ...recent.map(row)]).map((l) => `  ${l}`));
    return done(lines, { open, recent });
  },
};
