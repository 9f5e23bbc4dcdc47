// `member add|list|set|card|top-up`: members (会员管理) — virtual (站点通卡A, 公交车队1) or real (named
// after a plate, in a department) — their charging cards and their own balance. A member is named by
// its id or by its exact name.
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, type ApiClient } from './api-client.js';
import { contextOf, idArg, idOrNoneArg, yuanArg, type CliContext } from './cli-context.js';
import { formatYuan } from './money.js';

export interface Member {
  id: number;
  kind: 'virtual' | 'real';
  name: string;
  departmentId: number | null;
  balanceFen: number;
  cards: string[];
}

/** A member by id (digits) or by exact name. */
export async function resolveMember(api: ApiClient, ref: string): Promise<Member> {
  if (/^\d+$/.test(ref)) return api.json<Member>('GET', `/api/v1/members/${Number(ref)}`);
  const found = (await api.json<Member[]>('GET', `/api/v1/members?q=${encodeURIComponent(ref)}`)).filter((m) => m.name === ref);
  if (found.length === 0) throw new CliError(`no member named "${ref}" (see \`cloud-stub member list\`)`);
  if (found.length > 1) throw new CliError(`${found.length} members are named "${ref}" (ids ${found.map((m) => m.id).join(', ')}): use the id`);
  return found[0];
}

function kindArg(value: string): 'virtual' | 'real' {
  if (value === 'virtual' || value === 'real') return value;
  throw new InvalidArgumentError('kind is virtual (虚拟用户) or real (真实用户)');
}

function describe(ctx: CliContext, m: Member): void {
  ctx.line(`member ${m.id} ${m.name} (${m.kind}${m.departmentId ? `, department ${m.departmentId}` : ''}), balance ${formatYuan(m.balanceFen)} yuan, cards: ${m.cards.join(', ') || '-'}`);
}

export function register(program: Command): void {
  const member = program.command('member').description('members (virtual or real), their cards and balances');

  member
    .command('add')
    .description('create a member (会员管理 创建用户)')
    .argument('<name>', 'e.g. 站点通卡A, 公交车队1, or a plate 沪A32567')
    .option('-k, --kind <kind>', 'virtual (虚拟用户) or real (真实用户)', kindArg, 'virtual')
    .option('-d, --dept <id>', "department (部门ID): its fund pool pays for this member's cards", idArg('--dept'))
    .action(async (name: string, o: { kind: string; dept?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const m = await ctx.api.json<Member>('POST', '/api/v1/members', { kind: o.kind, name, ...(o.dept ? { departmentId: o.dept } : {}) });
      ctx.show(m, () => ctx.line(`member ${m.id} ${m.name} created`));
    });

  member
    .command('list')
    .description('list members (optionally those whose name contains TEXT)')
    .argument('[text]', 'part of the name')
    .action(async (text: string | undefined, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<Member[]>('GET', `/api/v1/members${text ? `?q=${encodeURIComponent(text)}` : ''}`);
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'ID', value: (m: Member) => m.id },
            { title: 'name', value: (m: Member) => m.name },
            { title: 'kind', value: (m: Member) => m.kind },
            { title: 'dept', value: (m: Member) => m.departmentId ?? '-' },
            { title: 'balance (yuan)', value: (m: Member) => formatYuan(m.balanceFen) },
            { title: 'cards', value: (m: Member) => m.cards.join(',') || '-' },
          ],
          list,
        ),
      );
    });

  member
    .command('set')
    .description('change a member: name, department (所属的绑定部门)')
    .argument('<member>', 'member id or exact name')
    .option('--name <name>', 'new name')
    .option('-d, --dept <id|none>', 'department, or none', idOrNoneArg('--dept'))
    .action(async (ref: string, o: { name?: string; dept?: number | null }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const b: Record<string, unknown> = {};
      if (o.name !== undefined) b.name = o.name;
      if (o.dept !== undefined) b.departmentId = o.dept;
      if (Object.keys(b).length === 0) cmd.error('error: nothing to change: give --name or --dept');
      const cur = await resolveMember(ctx.api, ref);
      const m = await ctx.api.json<Member>('PATCH', `/api/v1/members/${cur.id}`, b);
      ctx.show(m, () => describe(ctx, m));
    });

  member
    .command('delete')
    .description('delete a member (only one that administers no station and has no money history: remove its cards instead)')
    .argument('<member>', 'member id or exact name')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const cur = await resolveMember(ctx.api, ref);
      await ctx.api.json('DELETE', `/api/v1/members/${cur.id}`);
      ctx.show({ deleted: cur.id }, () => ctx.line(`member ${cur.id} (${cur.name}) deleted`));
    });

  member
    .command('card')
    .description('bind a charging card number to a member (充电卡), or --remove it')
    .argument('<member>', 'member id or exact name')
    .argument('<cardNo>', 'the card number as the reader reports it')
    .option('--remove', 'unbind the card instead')
    .action(async (ref: string, cardNo: string, o: { remove?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const cur = await resolveMember(ctx.api, ref);
      const m = o.remove
        ? await ctx.api.json<Member>('DELETE', `/api/v1/members/${cur.id}/cards/${encodeURIComponent(cardNo)}`)
        : await ctx.api.json<Member>('POST', `/api/v1/members/${cur.id}/cards`, { cardNo });
      ctx.show(m, () => ctx.line(`card ${cardNo} ${o.remove ? 'removed from' : 'bound to'} member ${m.id} ${m.name}`));
    });

  member
    .command('top-up')
    .description("top up a member's own balance (人工充值, e.g. a station card's account); amount in yuan")
    .argument('<member>', 'member id or exact name')
    .requiredOption('-a, --amount <yuan>', 'amount in yuan (exact to the fen), e.g. 999999 or 12.50', yuanArg())
    .option('--note <text>', 'note for the ledger')
    .action(async (ref: string, o: { amount: number; note?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const cur = await resolveMember(ctx.api, ref);
      const e = await ctx.api.json<{ amountFen: number; balanceAfterFen: number }>('POST', `/api/v1/members/${cur.id}/top-ups`, {
        amountFen: o.amount,
        ...(o.note ? { note: o.note } : {}),
      });
      ctx.show(e, () => ctx.line(`member ${cur.id} ${cur.name}: +${formatYuan(e.amountFen)} yuan, balance ${formatYuan(e.balanceAfterFen)} yuan`));
    });
}
