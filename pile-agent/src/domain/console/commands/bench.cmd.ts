// Commands for commissioning and for a test bench driving a real controller: `provision PILE STATION
// URL SECRET` gives the pile its identity on site (pile id, station, the cloud's MQTT broker, its
// secret — never logged; the console logs a command's first two words only) and restarts the agent
// with it; `probe WHAT [N]` answers the agent's own view (connectors, the last card, the N latest
// journal sessions, the screen, the cloud link) — with `json` in front, the same values the scenario
// runner reads from a pile process, so the same scenario files drive a controller on a bench.
import { done, failed } from '../registry.js';
import type { ConsoleCommand } from '../console-io.js';
import { PROBE_WHAT, type ProbeWhat } from '../console-context.js';

export const provisionCommand: ConsoleCommand = {
  name: 'provision',
  args: [
    { name: 'pile', kind: 'string' },
    { name: 'station', kind: 'int', min: 1, max: 2_147_483_647 },
    { name: 'url', kind: 'string' },
    { name: 'secret', kind: 'string' },
  ],
  help: 'give this pile its identity on site (pile id, station, mqtt://host:port, secret) and restart with it',
  handler(args, ctx) {
    const identity = { pileId: String(args.pile), stationId: args.station as number, url: String(args.url) };
    const r = ctx.provision(identity, String(args.secret));
    if (!r.ok) return failed(`not provisioned: ${r.error}`);
    return done([r.value], identity);
  },
};

export const probeCommand: ConsoleCommand = {
  name: 'probe',
  args: [
    { name: 'what', kind: 'string' },
    { name: 'limit', kind: 'int', min: 1, max: 200, optional: true },
  ],
  help: "the agent's own view for a bench (use with json): connectors, last-card, sessions [N], screen, link",
  handler(args, ctx) {
    const what = String(args.what);
    if (!(PROBE_WHAT as readonly string[]).includes(what)) return failed(`probe what? ${PROBE_WHAT.join(', ')}`);
    const value = ctx.probe(what as ProbeWhat, (args.limit as number | undefined) ?? 20);
    return done([JSON.stringify(value)], value ?? null);
  },
};
