// `pile add|list|show|delete|rotate-secret|command|commands`: piles (chargers) registered at a station
// (the MQTT secret is shown once, at registration and rotation), their link state and whitelist
// versions as the sync sees them, revocation, and remote commands (pile-command.cli.ts).
import type { Command } from 'commander';
import { contextOf, idArg, type CliContext } from './cli-context.js';
import { registerPileCommands } from './pile-command.cli.js';

export interface PileState {
  pileId: string;
  stationId: number;
  connectors: number;
  createdAt: string;
  online: boolean;
  lastSeenAt: string | null;
  whitelistVersion: number;
  stationVersion: number;
  behind: number;
  clockSkewMs: number | null;
  outboxDepth: number | null;
  outboxOldestAt: string | null;
  agentVersion: string | null;
}

const versions = (p: PileState) => `${p.whitelistVersion}/${p.stationVersion}${p.behind !== 0 ? ` (${p.behind > 0 ? '-' : '+'}${Math.abs(p.behind)})` : ''}`;
const outbox = (p: PileState) => (p.outboxDepth === null ? '-' : p.outboxDepth === 0 ? '0' : `${p.outboxDepth} since ${p.outboxOldestAt ?? '?'}`);

function describe(ctx: CliContext, p: PileState): void {
  ctx.line(`pile ${p.pileId} at station ${p.stationId}, ${p.connectors} connector(s), registered ${p.createdAt}`);
  ctx.line(`  link:        ${p.online ? 'online' : 'offline'}, last seen ${p.lastSeenAt ?? 'never'}`);
  ctx.line(`  whitelist:   version ${p.whitelistVersion} acknowledged, station at ${p.stationVersion} (${p.behind} behind)`);
  ctx.line(`  outbox:      ${p.outboxDepth ?? '-'} event(s) waiting${p.outboxOldestAt ? `, oldest ${p.outboxOldestAt}` : ''}`);
  ctx.line(`  clock skew:  ${p.clockSkewMs === null ? '-' : `${p.clockSkewMs} ms`}`);
  ctx.line(`  agent:       ${p.agentVersion ?? '-'}`);
}

const path = (pileId: string) => `/api/v1/piles/${encodeURIComponent(pileId)}`;

export function register(program: Command): void {
  const pile = program.command('pile').description('piles (chargers): register, state and versions, revoke, remote commands');
  pile
    .command('add')
    .description('register a pile at a station; prints its MQTT secret once (put it in the pile-agent config)')
    .argument('<pileId>', 'the pile id (letters, digits, _ . -)')
    .requiredOption('-s, --station <id>', 'station id', idArg('--station'))
    .option('-c, --connectors <n>', 'number of guns (1–16)', idArg('--connectors'), 1)
    .option('--max-power <kW>', 'most one gun delivers, kW (default 400): the cloud refuses sessions claiming more energy', idArg('--max-power'))
    .action(async (pileId: string, o: { station: number; connectors: number; maxPower?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const p = await ctx.api.json<{ pileId: string; stationId: number; connectors: number; secret: string }>('POST', `/api/v1/stations/${o.station}/piles`, {
        pileId,
        connectors: o.connectors,
        ...(o.maxPower !== undefined ? { maxPowerKw: o.maxPower } : {}),
      });
      ctx.show(p, () => {
        ctx.line(`pile ${p.pileId} registered at station ${p.stationId} with ${p.connectors} connector(s)`);
        ctx.line(`MQTT secret (shown only now): ${p.secret}`);
      });
    });

  pile
    .command('list')
    .description('every pile: link state, last seen, whitelist version / station version, outbox')
    .option('-s, --station <id>', 'only this station', idArg('--station'))
    .action(async (o: { station?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<PileState[]>('GET', `/api/v1/piles${o.station ? `?stationId=${o.station}` : ''}`);
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'pile', value: (p: PileState) => p.pileId },
            { title: 'station', value: (p: PileState) => p.stationId },
            { title: 'online', value: (p: PileState) => (p.online ? 'yes' : 'no') },
            { title: 'last seen', value: (p: PileState) => p.lastSeenAt ?? 'never' },
            { title: 'versions (pile/station)', value: versions },
            { title: 'outbox', value: outbox },
          ],
          list,
        ),
      );
    });

  pile
    .command('show')
    .description('one pile: link state, versions, outbox, clock skew, agent version')
    .argument('<pileId>', 'the pile id')
    .action(async (pileId: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const p = await ctx.api.json<PileState>('GET', path(pileId));
      ctx.show(p, () => describe(ctx, p));
    });

  pile
    .command('delete')
    .description('remove a pile: its secret stops working and it is disconnected (its sessions stay)')
    .argument('<pileId>', 'the pile id')
    .action(async (pileId: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      await ctx.api.json<void>('DELETE', path(pileId));
      ctx.show({ pileId, deleted: true }, () => ctx.line(`pile ${pileId} deleted and disconnected`));
    });

  pile
    .command('rotate-secret')
    .description('issue a new MQTT secret (shown once); the old one stops working and the pile is disconnected')
    .argument('<pileId>', 'the pile id')
    .action(async (pileId: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const p = await ctx.api.json<{ pileId: string; secret: string }>('POST', `${path(pileId)}/rotate-secret`);
      ctx.show(p, () => {
        ctx.line(`pile ${p.pileId}: new MQTT secret (shown only now): ${p.secret}`);
        ctx.line('put it in the pile-agent config; the old secret no longer connects');
      });
    });

  registerPileCommands(pile);
}
