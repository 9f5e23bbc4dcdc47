// `session list`: finished sessions, newest first, filtered by time, station, department (with its
// sub-departments), VIN or card — energy in kWh and amounts in yuan; a fleet account sees its own.
// `session refusals`: refused charging attempts as the piles reported them (who tried — card or
// VIN — where, why), newest first, filtered by time, station and pile; a fleet account sees its own.
// `session disputed`: finished sessions the cloud would not bill, with the reason (operator).
import type { Command } from 'commander';
import { contextOf, idArg } from './cli-context.js';
import { formatKwh, formatYuan } from './money.js';

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

interface Session {
  sessionId: string;
  pileId: string;
  connectorId: number;
  stationId: number;
  mode: number;
  credentialKind: string;
  cardNo: string | null;
  vin: string | null;
  plate: string | null;
  departmentId: number | null;
  energyWh: number;
  amountFen: number;
  startedAt: string;
  stoppedAt: string;
  stopReason: string;
}

interface Options {
  from?: string;
  to?: string;
  station?: number;
  pile?: string;
  dept?: number;
  vin?: string;
  card?: string;
  page?: number;
  pageSize?: number;
}

type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** The query string of a paged, filtered list. */
function listQuery(o: Options): string {
  const q = new URLSearchParams();
  const set: [keyof Options, string][] = [
    ['from', 'from'],
    ['to', 'to'],
    ['station', 'stationId'],
    ['pile', 'pileId'],
    ['dept', 'departmentId'],
    ['vin', 'vin'],
    ['card', 'cardNo'],
    ['page', 'page'],
    ['pageSize', 'pageSize'],
  ];
  for (const [opt, param] of set) if (o[opt] !== undefined) q.set(param, String(o[opt]));
  return q.size ? `?${q}` : '';
}

const range = (r: Page<unknown>, what: string) => `${r.total === 0 ? 0 : (r.page - 1) * r.pageSize + 1}–${Math.min(r.page * r.pageSize, r.total)} of ${r.total} ${what}`;

/** The options every paged list takes. */
function withListOptions(c: Command): Command {
  return c
    .option('--from <when>', 'YYYY-MM-DD (local day) or ISO 8601 time, inclusive')
    .option('--to <when>', 'YYYY-MM-DD (that day included) or ISO 8601 time, exclusive')
    .option('-s, --station <id>', 'only this station', idArg('--station'))
    .option('--page <n>', 'page number', idArg('--page'))
    .option('--page-size <n>', 'rows per page (≤ 500, default 50)', idArg('--page-size'));
}

export function register(program: Command): void {
  const session = program.command('session').description('sessions: finished (list), refused attempts, disputed sessions');
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
  withListOptions(session.command('list').description('finished sessions, newest first (a fleet account: its own)'))
    .option('-d, --dept <id>', 'only this department and its sub-departments', idArg('--dept'))
    .option('--vin <vin>', 'only this VIN')
    .option('--card <cardNo>', 'only this card')
    .action(async (o: Options, cmd: Command) => {
      const ctx = contextOf(cmd);
      const r = await ctx.api.json<Page<Session>>('GET', `/api/v1/sessions${listQuery(o)}`);
      ctx.show(r, () => {
        ctx.table(
          [
            { title: 'started', value: (x: Session) => x.startedAt },
            { title: 'pile', value: (x: Session) => `${x.pileId}#${x.connectorId}` },
            { title: 'mode', value: (x: Session) => x.mode },
            { title: 'by', value: (x: Session) => (x.cardNo ? `card ${x.cardNo}` : x.credentialKind) },
            { title: 'VIN / plate', value: (x: Session) => [x.vin, x.plate].filter(Boolean).join(' ') || '-' },
            { title: 'dept', value: (x: Session) => x.departmentId ?? '-' },
            { title: 'kWh', value: (x: Session) => formatKwh(x.energyWh) },
            { title: 'yuan', value: (x: Session) => formatYuan(x.amountFen) },
            { title: 'stop', value: (x: Session) => x.stopReason },
          ],
          r.items,
        );
        ctx.line(range(r, 'session(s)'));
      });
    });
  withListOptions(session.command('refusals').description('refused charging attempts, newest first'))
    .option('-p, --pile <pileId>', 'only this pile')
    .action(async (o: Options, cmd: Command) => {
      const ctx = contextOf(cmd);
      const r = await ctx.api.json<Page<Refusal>>('GET', `/api/v1/refusals${listQuery(o)}`);
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
        ctx.line(range(r, 'refusal(s)'));
      });
    });
}
