// `meter read [connector]`: reads the connector's energy meter now (all connectors without an
// argument) and prints energy, power, voltage and current, or why the read failed.
import { failed } from '../registry.js';
import { formatMeter } from '../format.js';
import type { ConsoleCommand } from '../console-io.js';

export const meterReadCommand: ConsoleCommand = {
  name: 'meter read',
  args: [{ name: 'connector', kind: 'int', optional: true, min: 1, max: 16 }],
  help: 'read the energy meter now (one connector, or all)',
  async handler(args, ctx) {
    const known = ctx.connectors().map((c) => c.id);
    const wanted = args.connector as number | undefined;
    if (wanted !== undefined && !known.includes(wanted)) return failed(`no connector ${wanted} (this pile has ${known.join(', ')})`);
    const ids = wanted !== undefined ? [wanted] : known;
    const lines: string[] = [];
    const readings: unknown[] = [];
    let allOk = true;
    for (const id of ids) {
      const r = await ctx.readMeter(id);
      if (r.ok) {
        lines.push(`connector ${id}: ${formatMeter(r.value)}`);
        readings.push({ connectorId: id, ok: true, reading: r.value });
      } else {
        allOk = false;
        lines.push(`error: connector ${id}: meter read failed (${r.error.code}): ${r.error.message}`);
        readings.push({ connectorId: id, ok: false, error: r.error });
      }
    }
    return { ok: allOk, lines, value: readings };
  },
};
