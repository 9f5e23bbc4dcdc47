// `account add|list|disable|enable|delete|passwd`: login accounts. An operator sees everything; a fleet
// account is tied to one department and sees that department's subtree only (the server enforces it on
// every route). Accounts are named by username (any case) or id; passwords never go on the command line.
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from './api-client.js';
import { contextOf, idArg, type CliContext } from './cli-context.js';
import { readSecret } from './secret-input.js';

interface Account {
  id: number;
  username: string;
  role: 'operator' | 'fleet';
  departmentId: number | null;
  disabledAt: string | null;
}

/** The account a USER argument names: its id, or its username in any case. */
async function resolve(ctx: CliContext, user: string): Promise<Account> {
  if (/^[1-9][0-9]*$/.test(user)) return ctx.api.json<Account>('GET', `/api/v1/accounts/${user}`);
  const hit = (await ctx.api.json<Account[]>('GET', '/api/v1/accounts')).find((a) => a.username.toLowerCase() === user.toLowerCase());
  if (!hit) throw new CliError(`no account ${user}`);
  return hit;
}

function roleArg(value: string): 'operator' | 'fleet' {
  if (value === 'operator' || value === 'fleet') return value;
  throw new InvalidArgumentError('role is operator or fleet');
}

export function register(program: Command): void {
  const account = program.command('account').description('login accounts for operators and fleets');
  account
    .command('add')
    .description('create a login account (公交公司/车队 登录账号)')
    .argument('<username>', 'login name')
    .option('-r, --role <role>', 'operator or fleet', roleArg, 'fleet')
    .option('-d, --dept <id>', "the fleet's department (required for fleet accounts)", idArg('--dept'))
    .option('--password-stdin', 'read the new password from the first line of stdin')
    .addHelpText('after', '\nThe new password is asked for twice on the terminal, or read from stdin or PILEGATE_NEW_PASSWORD.')
    .action(async (username: string, o: { role: 'operator' | 'fleet'; dept?: number; passwordStdin?: boolean }, cmd: Command) => {
      if (o.role === 'fleet' && !o.dept) cmd.error('error: a fleet account needs --dept (the department it may see)');
      const ctx = contextOf(cmd);
      const password = await readSecret({ fromStdin: o.passwordStdin, envVar: 'PILEGATE_NEW_PASSWORD', prompt: `new password for ${username}: `, confirm: true });
      const a = await ctx.api.json<Account>('POST', '/api/v1/accounts', { username, password, role: o.role, departmentId: o.dept ?? null });
      ctx.show(a, () => ctx.line(`account ${a.username} (${a.role}${a.departmentId ? `, department ${a.departmentId}` : ''}) created`));
    });
  account
    .command('list')
    .description('list login accounts (operators only)')
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<Account[]>('GET', '/api/v1/accounts');
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'ID', value: (a: Account) => a.id },
            { title: 'username', value: (a: Account) => a.username },
            { title: 'role', value: (a: Account) => a.role },
            { title: 'dept', value: (a: Account) => a.departmentId ?? '-' },
            { title: 'state', value: (a: Account) => (a.disabledAt ? `disabled ${a.disabledAt}` : 'enabled') },
          ],
          list,
        ),
      );
    });
  for (const [name, disabled, what] of [
    ['disable', true, 'cannot log in, and its logins end at once'],
    ['enable', false, 'may log in again'],
  ] as const) {
    account
      .command(name)
      .description(`${name} an account (operators only): it ${what}`)
      .argument('<user>', 'username or id')
      .action(async (user: string, _o: unknown, cmd: Command) => {
        const ctx = contextOf(cmd);
        const a = await ctx.api.json<Account>('PATCH', `/api/v1/accounts/${(await resolve(ctx, user)).id}`, { disabled });
        ctx.show(a, () => ctx.line(`account ${a.username} ${disabled ? 'disabled' : 'enabled'}`));
      });
  }
  account
    .command('delete')
    .description('delete an account (operators only); what it did stays in the ledger')
    .argument('<user>', 'username or id')
    .action(async (user: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const a = await resolve(ctx, user);
      await ctx.api.json('DELETE', `/api/v1/accounts/${a.id}`);
      ctx.show({ deleted: a.username }, () => ctx.line(`account ${a.username} deleted`));
    });
  account
    .command('passwd')
    .description('change your own password, or (operators) set a new one for USER')
    .argument('[user]', 'another account (username or id); omitted = your own')
    .option('--password-stdin', 'read the new password from the first line of stdin')
    .addHelpText(
      'after',
      '\nYour own: the current password from PILEGATE_CLOUD_PASSWORD or a prompt; the new one from PILEGATE_NEW_PASSWORD,\nstdin or a prompt (asked twice). Your other logins end; this one stays. For USER, all of its logins end.',
    )
    .action(async (user: string | undefined, o: { passwordStdin?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (user) {
        const a = await resolve(ctx, user);
        const password = await readSecret({ fromStdin: o.passwordStdin, envVar: 'PILEGATE_NEW_PASSWORD', prompt: `new password for ${a.username}: `, confirm: true });
        await ctx.api.json<Account>('PATCH', `/api/v1/accounts/${a.id}`, { password });
        return ctx.show({ passwordSet: a.username }, () => ctx.line(`new password set for ${a.username}; its logins have ended`));
      }
      const currentPassword = await readSecret({ envVar: 'PILEGATE_CLOUD_PASSWORD', prompt: 'current password: ' });
      const newPassword = await readSecret({ fromStdin: o.passwordStdin, envVar: 'PILEGATE_NEW_PASSWORD', prompt: 'new password: ', confirm: true });
      await ctx.api.json('POST', '/api/v1/me/password', { currentPassword, newPassword });
      ctx.show({ passwordChanged: true }, () => ctx.line('password changed; your other logins have ended'));
    });
}
