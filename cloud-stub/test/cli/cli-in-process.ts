// Test harness: runs `cloud-stub` sub-commands in this process (the same commander tree as the
// binary, errors surfaced instead of exiting) against a given cloud URL with a saved login, and
// captures what they print. Faster than spawning the binary; output capture is per run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { vi } from 'vitest';
import { registerCommands } from '../../src/cli/commands.js';
import { saveLogin } from '../../src/cli/token-store.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  /** The error a failed run threw (what the binary prints after `error:`). */
  error: string | null;
}

export interface InProcessCli {
  run(args: string[]): Promise<InProcessRun>;
  close(): void;
}

function program(): Command {
  const p = new Command('cloud-stub').option('--url <url>').option('--json').option('--no-progress');
  registerCommands(p);
  const quiet = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    c.commands.forEach(quiet);
  };
  quiet(p);
  return p;
}

export function inProcessCli(url: string, token: string): InProcessCli {
  const dir = mkdtempSync(join(tmpdir(), 'cli-inproc-'));
  const tokenFile = join(dir, 'cloud-token.json');
  saveLogin(tokenFile, url, { token, username: 'admin' });
  const before = process.env.PILEGATE_CLOUD_TOKEN_FILE;
  process.env.PILEGATE_CLOUD_TOKEN_FILE = tokenFile;
  return {
    async run(args) {
      let stdout = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
      });
      try {
        await program().parseAsync(['--url', url, '--no-progress', ...args], { from: 'user' });
        return { code: 0, stdout, error: null };
      } catch (e) {
        return { code: 1, stdout, error: (e as Error).message };
      } finally {
        spy.mockRestore();
      }
    },
    close() {
      if (before === undefined) delete process.env.PILEGATE_CLOUD_TOKEN_FILE;
      else process.env.PILEGATE_CLOUD_TOKEN_FILE = before;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
