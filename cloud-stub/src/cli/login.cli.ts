// `login`, `logout`, `whoami`: obtain a bearer token (POST /api/v1/login) and keep it in the token
// file for this URL; drop it; show who the saved token belongs to.
import type { Command } from 'commander';
import { ApiClient } from './api-client.js';
import { contextOf } from './cli-context.js';
import { readSecret } from './secret-input.js';
import { forgetLogin, saveLogin } from './token-store.js';

export function register(program: Command): void {
  program
    .command('login')
    .description('log in to the cloud and save the token for this --url')
    .option('-u, --username <name>', 'account name', 'admin')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .addHelpText(
      'after',
      '\nThe password is asked for on the terminal, or read from stdin or PILEGATE_CLOUD_PASSWORD.\nThe token is saved (mode 0600) in ~/.config/pilegate/cloud-token.json or $PILEGATE_CLOUD_TOKEN_FILE.',
    )
    .action(async (opts: { username: string; passwordStdin?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const password = await readSecret({ fromStdin: opts.passwordStdin, envVar: 'PILEGATE_CLOUD_PASSWORD', prompt: `password for ${opts.username}: ` });
      const anonymous = new ApiClient({ url: ctx.url, token: null, progress: { enabled: false, sink: process.stderr } });
      const r = await anonymous.json<{ token: string; expiresAt?: string }>('POST', '/api/v1/login', { username: opts.username, password }, { auth: false });
      saveLogin(ctx.tokenFile, ctx.url, { token: r.token, username: opts.username, expiresAt: r.expiresAt });
      ctx.show({ username: opts.username, url: ctx.url, expiresAt: r.expiresAt ?? null }, () => ctx.line(`logged in to ${ctx.url} as ${opts.username}${r.expiresAt ? ` (until ${r.expiresAt})` : ''}`));
    });

  program
    .command('logout')
    .description('end the session on the server and forget the saved token for this --url')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        await ctx.api.json('POST', '/api/v1/logout');
      } catch {
        // an expired token or an unreachable server: forgetting it locally is still right
      }
      const had = forgetLogin(ctx.tokenFile, ctx.url);
      ctx.line(had ? `logged out of ${ctx.url}` : `was not logged in to ${ctx.url}`);
    });

  program
    .command('whoami')
    .description('show the account the saved token belongs to')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const me = await ctx.api.json<{ username: string; role: string; departmentId: number | null }>('GET', '/api/v1/me');
      ctx.show(me, () => ctx.line(`${me.username} (${me.role}${me.departmentId ? `, department ${me.departmentId}` : ''}) at ${ctx.url}`));
    });
}
