// `station add|list|set`: stations (充电站管理) with their administrator member (管理员, mode 1),
// fixed screen password and tariff (yuan per kWh, optional 尖/峰/平/谷 periods). Piles: pile.cli.ts.
import { InvalidArgumentError, type Command } from 'commander';
import { contextOf, idArg, type CliContext } from './cli-context.js';
import { resolveMember } from './member.cli.js';
import { formatYuan, parseYuan } from './money.js';

interface Period {
  name: string;
  start: string;
  end: string;
  fenPerKwh: number;
}
interface Station {
  id: number;
  name: string;
  adminMemberId: number | null;
  fixedPasswordSet: boolean;
  tariff?: { fenPerKwh: number; periods?: Period[] };
  pileIds?: string[];
}

function priceArg(value: string): number {
  const fen = parseYuan(value, { allowZero: true });
  if (typeof fen === 'string') throw new InvalidArgumentError(fen);
  return fen;
}

/** 峰=08:00-11:00@1.50 → a tariff period (price in yuan per kWh). */
export function periodArg(value: string, prev: Period[] | undefined): Period[] {
  const m = /^(尖|峰|平|谷)=(\d{2}:\d{2})-(\d{2}:\d{2})@(.+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`period "${value}" must look like 峰=08:00-11:00@1.50 (name 尖|峰|平|谷, local times, yuan per kWh)`);
  return [...(prev ?? []), { name: m[1], start: m[2], end: m[3], fenPerKwh: priceArg(m[4]) }];
}

interface StationOptions {
  name?: string;
  admin?: string;
  fixedPassword?: string;
  price?: number;
  period?: Period[];
}

async function body(ctx: CliContext, o: StationOptions): Promise<Record<string, unknown>> {
  const b: Record<string, unknown> = {};
  if (o.name !== undefined) b.name = o.name;
  if (o.admin !== undefined) b.adminMemberId = o.admin === 'none' ? null : (await resolveMember(ctx.api, o.admin)).id;
  if (o.fixedPassword !== undefined) b.fixedPassword = o.fixedPassword === 'none' ? null : o.fixedPassword;
  if (o.period && o.price === undefined) throw new InvalidArgumentError('--period needs --price (the price outside the periods)');
  if (o.price !== undefined) b.tariff = { fenPerKwh: o.price, ...(o.period ? { periods: o.period } : {}) };
  return b;
}

function describe(ctx: CliContext, s: Station): void {
  const t = s.tariff;
  const periods = t?.periods?.map((p) => `${p.name} ${p.start}-${p.end} ${formatYuan(p.fenPerKwh)}`).join(', ');
  ctx.line(`station ${s.id} ${s.name}`);
  ctx.line(`  administrator:   ${s.adminMemberId ?? '-'}`);
  ctx.line(`  fixed password:  ${s.fixedPasswordSet ? 'set' : 'not set'}`);
  ctx.line(`  tariff:          ${t ? `${formatYuan(t.fenPerKwh)} yuan/kWh${periods ? `; ${periods}` : ''}` : '-'}`);
  ctx.line(`  piles:           ${s.pileIds?.join(', ') || '-'}`);
}

function withStationOptions(cmd: Command): Command {
  return cmd
    .option('--admin <member|none>', 'administrator member (id or exact name): its card charges every vehicle here (mode 1)')
    .option('--fixed-password <digits|none>', 'screen password that charges every vehicle here (mode 1)')
    .option('--price <yuan>', 'price per kWh in yuan, e.g. 1.20', priceArg)
    .option('--period <name=HH:MM-HH:MM@yuan>', 'time-of-use period (repeat), e.g. 峰=08:00-11:00@1.50', periodArg);
}

export function register(program: Command): void {
  const station = program.command('station').description('stations: administrator card, fixed password, tariff');

  withStationOptions(station.command('add').description('create a station').argument('<name>', 'station name')).action(async (name: string, o: StationOptions, cmd: Command) => {
    const ctx = contextOf(cmd);
    const s = await ctx.api.json<Station>('POST', '/api/v1/stations', { ...(await body(ctx, o)), name });
    ctx.show(s, () => ctx.line(`station ${s.id} ${s.name} created`));
  });

  station
    .command('list')
    .description('list stations')
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<Station[]>('GET', '/api/v1/stations');
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'ID', value: (s: Station) => s.id },
            { title: 'name', value: (s: Station) => s.name },
            { title: 'admin', value: (s: Station) => s.adminMemberId ?? '-' },
            { title: 'fixed pw', value: (s: Station) => (s.fixedPasswordSet ? 'set' : '-') },
            { title: 'yuan/kWh', value: (s: Station) => (s.tariff ? formatYuan(s.tariff.fenPerKwh) : '-') },
            { title: 'piles', value: (s: Station) => s.pileIds?.join(',') || '-' },
          ],
          list,
        ),
      );
    });

  withStationOptions(
    station.command('set').description('change a station (管理员, fixed password, tariff)').argument('<id>', 'station id', idArg('station id')).option('--name <name>', 'new name'),
  ).action(async (id: number, o: StationOptions, cmd: Command) => {
    const ctx = contextOf(cmd);
    const b = await body(ctx, o);
    if (Object.keys(b).length === 0) cmd.error('error: nothing to change: give at least one option');
    const s = await ctx.api.json<Station>('PATCH', `/api/v1/stations/${id}`, b);
    ctx.show(s, () => describe(ctx, s));
  });
}
