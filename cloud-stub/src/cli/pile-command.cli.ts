// `pile command PILE stop [--connector N]|sync` and `pile commands PILE`: sends a remote command,
// prints its id, then (unless --no-wait) polls its state until it leaves `sent` or --timeout passes,
// printing the outcome; failed, expired or still unanswered exits 1 (a CliError).
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, type ApiClient } from './api-client.js';
import { contextOf, idArg } from './cli-context.js';

export interface PileCommandView {
  commandId: string;
  pileId: string;
  kind: 'stop' | 'sync';
  connectorId: number | null;
  state: 'sent' | 'acknowledged' | 'failed' | 'expired';
  detail: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

const POLL_MS = 250;

function kindArg(value: string): 'stop' | 'sync' {
  if (value === 'stop' || value === 'sync') return value;
  throw new InvalidArgumentError('the command is stop or sync');
}

function secondsArg(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0) throw new InvalidArgumentError(`--timeout must be a positive number of seconds, got "${value}"`);
  return n;
}

const commandPath = (pileId: string, commandId = '') => `/api/v1/piles/${encodeURIComponent(pileId)}/commands${commandId ? `/${encodeURIComponent(commandId)}` : ''}`;

/** Polls until the command leaves `sent` or `timeoutMs` passes; returns the last state read. */
export async function waitForOutcome(api: ApiClient, pileId: string, commandId: string, timeoutMs: number, pollMs = POLL_MS): Promise<PileCommandView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await api.json<PileCommandView>('GET', commandPath(pileId, commandId));
    if (c.state !== 'sent' || Date.now() >= deadline) return c;
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}

const outcome = (c: PileCommandView) => `command ${c.commandId}: ${c.state}${c.detail ? ` (${c.detail})` : ''}`;

export function registerPileCommands(pile: Command): void {
  pile
    .command('command')
    .description('send a remote command: stop (a connector, or all) or sync (resync the whitelist now); waits for its outcome')
    .argument('<pileId>', 'the pile id')
    .argument('<kind>', 'stop or sync', kindArg)
    .option('--connector <n>', 'stop: the connector (default: every connector)', idArg('--connector'))
    .option('--no-wait', 'print the command id and return at once')
    .option('--timeout <s>', 'how long to wait for the outcome, in seconds', secondsArg, 30)
    .action(async (pileId: string, kind: 'stop' | 'sync', o: { connector?: number; wait: boolean; timeout: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (kind === 'sync' && o.connector !== undefined) throw new CliError('--connector applies only to stop');
      const body = kind === 'stop' && o.connector !== undefined ? { kind, connectorId: o.connector } : { kind };
      const { commandId } = await ctx.api.json<{ commandId: string }>('POST', commandPath(pileId), body);
      if (!o.wait) return ctx.show({ commandId }, () => ctx.line(`command ${commandId} sent`));
      if (!ctx.json) ctx.line(`command ${commandId} sent; waiting for the pile (up to ${o.timeout} s)…`);
      const c = await waitForOutcome(ctx.api, pileId, commandId, o.timeout * 1000);
      ctx.show(c, () => ctx.line(outcome(c)));
      if (c.state === 'sent') throw new CliError(`no answer from pile ${pileId} after ${o.timeout} s; the command stays open until ${c.expiresAt}`);
      if (c.state !== 'acknowledged') throw new CliError(`the command ${c.state}${c.detail ? `: ${c.detail}` : ''}`);
    });

  pile
    .command('commands')
    .description("a pile's recent commands and their state, most recent first")
    .argument('<pileId>', 'the pile id')
    .option('--limit <n>', 'at most this many', idArg('--limit'), 20)
    .action(async (pileId: string, o: { limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<PileCommandView[]>('GET', `${commandPath(pileId)}?limit=${o.limit}`);
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'command', value: (c: PileCommandView) => c.commandId },
            { title: 'kind', value: (c: PileCommandView) => (c.kind === 'stop' ? `stop ${c.connectorId ?? 'all'}` : 'sync') },
            { title: 'state', value: (c: PileCommandView) => c.state },
            { title: 'detail', value: (c: PileCommandView) => c.detail ?? '' },
            { title: 'created', value: (c: PileCommandView) => c.createdAt },
          ],
          list,
        ),
      );
    });
}
