// `account add|list`: login accounts. An operator sees everything; a fleet account is tied to one
// department and sees that department's subtree only (the server enforces it on every route).
import { InvalidArgumentError, type Command } from 'commander';
import { contextOf, idArg } from './cli-context.js';
import { readSecret } from './secret-input.js';

interface Account {
  id: number;
  username: string;
  role: 'operator' | 'fleet';
  departmentId: number | null;
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
    .option('-d, --dept <id>', 'the fleet\'s department (required for fleet accounts)', idArg('--dept'))
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
          ],
          list,
        ),
      );
    });
}
