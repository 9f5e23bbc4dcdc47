// `status`: the pile at a glance: each connector (session state, GB/T phase, VIN and its status,
// last meter reading), the cloud link and the active faults with their catalog severity.
import { done } from '../registry.js';
import { formatMeter, isoSeconds } from '../format.js';
import { FAULTS } from '../../../shared/fault-catalog.js';
import type { ConsoleConnectorStatus } from '../console-context.js';
import type { ConsoleCommand } from '../console-io.js';

function connectorLine(c: ConsoleConnectorStatus): string {
  const session = c.sessionId ? `${c.sessionState} (${c.sessionId})` : c.sessionState;
  // The phase and its state code (S0–S9); the end states are their own code ("ended", not "ended ended").
  const gbt = !c.gbt ? 'no link' : c.gbt.code === c.gbt.phase ? c.gbt.phase : `${c.gbt.phase} ${c.gbt.code}`;
  const vin = c.vinStatus ? `${c.vin ?? '-'} (${c.vinStatus})` : '-';
  const meter = c.meter ? formatMeter(c.meter) : '-';
  return `connector ${c.id}: session ${session}; GB/T ${gbt}; VIN ${vin}; meter ${meter}`;
}

export const statusCommand: ConsoleCommand = {
  name: 'status',
  help: 'connectors (session, GB/T phase, VIN and vinStatus, meter), cloud link, active faults',
  handler(_args, ctx) {
    const pile = ctx.pile();
    const connectors = ctx.connectors();
    const cloud = ctx.cloudLink();
    const faults = ctx.faults();
    const lines = [`pile ${pile.pileId}, station ${pile.stationId}, profile ${pile.profileId}`];
    for (const c of connectors) lines.push(connectorLine(c));
    lines.push(`cloud link: ${cloud.state}${cloud.detail ? ` (${cloud.detail})` : ''}`);
    lines.push(faults.length === 0 ? 'faults: none' : `faults: ${faults.length} active`);
    for (const f of faults) {
      const detail = f.detail ? `: ${f.detail}` : '';
      lines.push(`  ${f.code} [${FAULTS[f.code]?.severity ?? 'unknown'}] from ${f.source}${detail}, since ${isoSeconds(f.sinceMs)}`);
    }
    return done(lines, { pile, connectors, cloudLink: cloud, faults });
  },
};
