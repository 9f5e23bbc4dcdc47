// `session refusals`: refused charging attempts as the piles reported them (who tried — card or
// VIN — where, why), newest first, filtered by time, station and pile; a fleet account sees its own.
// `session disputed`: finished sessions the cloud would not bill, with the reason (operator).
import type { Command } from 'commander';
import { contextOf, idArg } from './cli-context.js';

interface Refusal {
  id: string;
  pileId: string;
  connectorId: number;
  stationId: number;
  at: string;
  credentialKind: string;
  cardNo: string | null;
  vin: string | null;
  reason: string;
  mode: number | null;
  departmentId: number | null;
}

interface Dispute {
  pileId: string;
  sessionId: string;
  stationId: number;
  reason: string;
  detail: string;
  receivedAt: string;
}

interface Options {
  from?: string;
  to?: string;
  station?: number;
  pile?: string;
  page?: number;
  pageSize?: number;
}

export function register(program: Command): void {
  const session = program.command('session').description('sessions: refused attempts, disputed sessions');
  session
    .command('disputed')
    .description('finished sessions the cloud would not bill (payer, mode, time or energy the registry does not support), newest first')
    .option('-s, --station <id>', 'only this station', idArg('--station'))
    .option('-n, --limit <n>', 'at most this many (default 100)', idArg('--limit'))
    .action(async (o: { station?: number; limit?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams();
      if (o.station) q.set('stationId', String(o.station));
      if (o.limit) q.set('limit', String(o.limit));
      const rows = await ctx.api.json<Dispute[]>('GET', `/api/v1/sessions/disputed${q.size ? `?${q}` : ''}`);
      ctx.show(rows, () => {
        ctx.table(
          [
            { title: 'received', value: (x: Dispute) => x.receivedAt },
            { title: 'pile', value: (x: Dispute) => x.pileId },
            { title: 'session', value: (x: Dispute) => x.sessionId },
            { title: 'reason', value: (x: Dispute) => x.reason },
            { title: 'detail', value: (x: Dispute) => x.detail },
          ],
          rows,
        );
        ctx.line(`${rows.length} disputed session(s)`);
      });
    });
  session
    .command('refusals')
    .description('refused charging attempts, newest first')
    .option('--from <when>', 'YYYY-MM-DD (local day) or ISO 8601 time, inclusive')
    .option('--to <when>', 'YYYY-MM-DD (that day included) or ISO 8601 time, exclusive')
    .option('-s, --station <id>', 'only this station', idArg('--station'))
    .option('-p, --pile <pileId>', 'only this pile')
    .option('--page <n>', 'page number', idArg('--page'))
    .option('--page-size <n>', 'rows per page (≤ 500, default 50)', idArg('--page-size'))
    .action(async (o: Options, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams();
      if (o.from) q.set('from', o.from);
      if (o.to) q.set('to', o.to);
      if (o.station) q.set('stationId', String(o.station));
      if (o.pile) q.set('pileId', o.pile);
      if (o.page) q.set('page', String(o.page));
      if (o.pageSize) q.set('pageSize', String(o.pageSize));
      const r = await ctx.api.json<{ items: Refusal[]; page: number; pageSize: number; total: number }>('GET', `/api/v1/refusals${q.size ? `?${q}` : ''}`);
      ctx.show(r, () => {
        ctx.table(
          [
            { title: 'at', value: (x: Refusal) => x.at },
            { title: 'station', value: (x: Refusal) => x.stationId },
            { title: 'pile', value: (x: Refusal) => `${x.pileId}#${x.connectorId}` },
            { title: 'mode', value: (x: Refusal) => x.mode ?? '-' },
            { title: 'who', value: (x: Refusal) => [x.cardNo && `card ${x.cardNo}`, x.vin && `VIN ${x.vin}`].filter(Boolean).join(', ') || x.credentialKind },
            { title: 'dept', value: (x: Refusal) => x.departmentId ?? '-' },
            { title: 'reason', value: (x: Refusal) => x.reason },
          ],
          r.items,
        );
        const last = Math.min(r.page * r.pageSize, r.total);
        ctx.line(`${r.total === 0 ? 0 : (r.page - 1) * r.pageSize + 1}–${last} of ${r.total} refusal(s)`);
      });
    });
}
