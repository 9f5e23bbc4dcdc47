// `dept add|list|show|set|bind|unbind|top-up|correct`: departments (企业部门管理) with their fund
// pool (部门余额), bound stations (绑定站点), the VIN-only switch and the stop password (部门密码).
// Amounts are typed and shown in yuan; the API speaks integer fen.
import type { Command } from 'commander';
import { contextOf, idArg, idListArg, idOrNoneArg, switchArg, yuanArg, type CliContext } from './cli-context.js';
import { formatYuan } from './money.js';

export interface Department {
  id: number;
  name: string;
  parentId: number | null;
  vinOnly: boolean;
  floorFen: number;
  balanceFen: number;
  stopPasswordSet: boolean;
  stationIds?: number[];
}
interface LedgerEntry {
  amountFen: number;
  balanceAfterFen: number;
}

function describe(ctx: CliContext, d: Department): void {
  ctx.line(`department ${d.id} ${d.name}`);
  ctx.line(`  parent:         ${d.parentId ?? '-'}`);
  ctx.line(`  balance:        ${formatYuan(d.balanceFen)} yuan (floor ${formatYuan(d.floorFen)})`);
  ctx.line(`  VIN-only:       ${d.vinOnly ? 'on' : 'off'}`);
  ctx.line(`  stop password:  ${d.stopPasswordSet ? 'set' : 'not set'}`);
  ctx.line(`  stations:       ${d.stationIds?.length ? d.stationIds.join(', ') : '-'}`);
}

interface SetOptions {
  name?: string;
  parent?: number | null;
  vinOnly?: boolean;
  floor?: number;
  stopPassword?: string;
}
function body(o: SetOptions): Record<string, unknown> {
  const b: Record<string, unknown> = {};
  if (o.name !== undefined) b.name = o.name;
  if (o.parent !== undefined) b.parentId = o.parent;
  if (o.vinOnly !== undefined) b.vinOnly = o.vinOnly;
  if (o.floor !== undefined) b.floorFen = o.floor;
  if (o.stopPassword !== undefined) b.stopPassword = o.stopPassword;
  return b;
}

export function register(program: Command): void {
  const dept = program.command('dept').description('departments: fund pool, stations, VIN-only switch, stop password');

  dept
    .command('add <name>')
    .description('create a department (新增部门); prints its 部门ID')
    .option('--parent <id>', 'parent department id (a fleet under a bus company)', idArg('--parent'))
    .option('--vin-only <on|off>', 'only VIN-registered vehicles may charge (mode 3)', switchArg)
    .option('--floor <yuan>', 'a pool at or below this starts no session (default 0)', yuanArg({ allowNegative: true, allowZero: true }))
    .option('--stop-password <digits>', 'password that stops a session from the screen (mode 4)')
    .action(async (name: string, o: SetOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      const d = await ctx.api.json<Department>('POST', '/api/v1/departments', { ...body(o), name });
      ctx.show(d, () => ctx.line(`department ${d.id} ${d.name} created`));
    });

  dept
    .command('list')
    .description('list the departments you can see, with balances and bound stations')
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<Department[]>('GET', '/api/v1/departments');
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'ID', value: (d: Department) => d.id },
            { title: 'name', value: (d: Department) => d.name },
            { title: 'parent', value: (d: Department) => d.parentId ?? '-' },
            { title: 'balance (yuan)', value: (d: Department) => formatYuan(d.balanceFen) },
            { title: 'VIN-only', value: (d: Department) => (d.vinOnly ? 'on' : 'off') },
            { title: 'stop pw', value: (d: Department) => (d.stopPasswordSet ? 'set' : '-') },
            { title: 'stations', value: (d: Department) => d.stationIds?.join(',') || '-' },
          ],
          list,
        ),
      );
    });

  dept
    .command('show')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('show one department')
    .action(async (id: number, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const d = await ctx.api.json<Department>('GET', `/api/v1/departments/${id}`);
      ctx.show(d, () => describe(ctx, d));
    });

  dept
    .command('delete')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('delete a department (only one with no sub-departments, members, vehicles, accounts, sessions or money history)')
    .action(async (id: number, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      await ctx.api.json('DELETE', `/api/v1/departments/${id}`);
      ctx.show({ deleted: id }, () => ctx.line(`department ${id} deleted`));
    });

  dept
    .command('set')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('change a department: name, parent, VIN-only switch (是否开启仅vin授权车辆允许充电), floor, stop password (部门密码)')
    .option('--name <name>', 'new name')
    .option('--parent <id|none>', 'new parent department, or none', idOrNoneArg('--parent'))
    .option('--vin-only <on|off>', 'only VIN-registered vehicles may charge (mode 3)', switchArg)
    .option('--floor <yuan>', 'a pool at or below this starts no session', yuanArg({ allowNegative: true, allowZero: true }))
    .option('--stop-password <digits>', 'new stop password; running sessions keep the one they started with')
    .action(async (id: number, o: SetOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      const b = body(o);
      if (Object.keys(b).length === 0) cmd.error('error: nothing to change: give at least one option');
      const d = await ctx.api.json<Department>('PATCH', `/api/v1/departments/${id}`, b);
      ctx.show(d, () => describe(ctx, d));
    });

  const bindAction = (mode: 'bind' | 'unbind') => async (id: number, o: { station: number[]; replace?: boolean }, cmd: Command) => {
    const ctx = contextOf(cmd);
    const path = `/api/v1/departments/${id}/stations`;
    let ids = o.station;
    if (!o.replace) {
      const cur = (await ctx.api.json<{ stationIds: number[] }>('GET', path)).stationIds;
      ids = mode === 'bind' ? [...new Set([...cur, ...o.station])] : cur.filter((s) => !o.station.includes(s));
    }
    const r = await ctx.api.json<{ stationIds: number[] }>('PUT', path, { stationIds: ids });
    ctx.show(r, () => ctx.line(`department ${id} is bound to station${r.stationIds.length === 1 ? '' : 's'} ${r.stationIds.join(', ') || '(none)'}`));
  };
  dept
    .command('bind')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('bind stations to a department (绑定站点): its cards and vehicles may charge there')
    .requiredOption('-s, --station <ids>', 'station id (repeat, or comma-separated)', idListArg('--station'))
    .option('--replace', 'bind exactly these stations, dropping the others')
    .action(bindAction('bind'));
  dept
    .command('unbind')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('remove station bindings from a department')
    .requiredOption('-s, --station <ids>', 'station id (repeat, or comma-separated)', idListArg('--station'))
    .action(bindAction('unbind'));

  dept
    .command('top-up')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('top up the department fund pool (部门余额 充值); amount in yuan, e.g. 999999 or 12.50')
    .requiredOption('-a, --amount <yuan>', 'amount in yuan (exact to the fen)', yuanArg())
    .option('--note <text>', 'note for the ledger')
    .action(async (id: number, o: { amount: number; note?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const e = await ctx.api.json<LedgerEntry>('POST', `/api/v1/departments/${id}/top-ups`, { amountFen: o.amount, ...(o.note ? { note: o.note } : {}) });
      ctx.show(e, () => ctx.line(`department ${id}: +${formatYuan(e.amountFen)} yuan, balance ${formatYuan(e.balanceAfterFen)} yuan`));
    });

  dept
    .command('correct')
    .argument('<id>', 'department id (部门ID)', idArg('department id'))
    .description('correct the fund pool by a signed amount, with a reason (its own ledger entry)')
    .requiredOption('-a, --amount <yuan>', 'signed amount in yuan, e.g. -12.50', yuanArg({ allowNegative: true }))
    .requiredOption('--reason <text>', 'why (kept in the ledger)')
    .action(async (id: number, o: { amount: number; reason: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const e = await ctx.api.json<LedgerEntry>('POST', `/api/v1/departments/${id}/corrections`, { amountFen: o.amount, reason: o.reason });
      ctx.show(e, () => ctx.line(`department ${id}: ${e.amountFen > 0 ? '+' : ''}${formatYuan(e.amountFen)} yuan, balance ${formatYuan(e.balanceAfterFen)} yuan`));
    });
}
