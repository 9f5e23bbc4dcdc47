// `gbt trace on|off`: follows every connector's GB/T 27930 frames live, decoded, one line each
// (trace-format.ts), until `gbt trace off`, Ctrl-C, logout or the end of the console session.
import { done } from '../registry.js';
import { formatTraceRecord } from '../trace-format.js';
import type { ConsoleCommand } from '../console-io.js';

export const TRACE_ACTIVITY = 'gbt trace';

export const gbtTraceCommand: ConsoleCommand = {
  name: 'gbt trace',
  args: [{ name: 'switch', kind: 'enum', values: ['on', 'off'] }],
  help: 'show decoded GB/T 27930 frames of every connector live (Ctrl-C stops)',
  handler(args, ctx, io) {
    if (args.switch === 'off') {
      const was = io.stopBackground(TRACE_ACTIVITY);
      return done([was ? 'GB/T trace off' : 'GB/T trace was not on'], { trace: false });
    }
    if (io.isBackground(TRACE_ACTIVITY)) return done(['GB/T trace is already on'], { trace: true });
    const unsubscribe = ctx.onTrace((connectorId, record) => io.emit(formatTraceRecord(connectorId, record)));
    io.startBackground(TRACE_ACTIVITY, unsubscribe);
    return done(['GB/T trace on (Ctrl-C or "gbt trace off" stops it)'], { trace: true });
  },
};
