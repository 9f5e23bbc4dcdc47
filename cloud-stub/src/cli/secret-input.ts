// Reads a password for `login` and `account add` without putting it on the command line: from
// stdin (--password-stdin, first line), from an environment variable, or from a hidden prompt on the
// terminal. Never echoes, never logs.
import { CliError } from './api-client.js';

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (e: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (e) reject(e);
      else resolve(value);
    };
    stdin.on('data', onData);
  });
}

export async function readSecret(opts: { fromStdin?: boolean; envVar: string; prompt: string; confirm?: boolean }): Promise<string> {
  let value: string;
  if (opts.fromStdin) value = await readStdinLine();
  else if (process.env[opts.envVar]) value = process.env[opts.envVar]!;
  else if (process.stdin.isTTY) {
    value = await promptHidden(opts.prompt);
    if (opts.confirm && (await promptHidden('again: ')) !== value) throw new CliError('the two passwords differ');
  } else throw new CliError(`no password: use --password-stdin, set ${opts.envVar}, or run in a terminal to be asked`);
  if (value === '') throw new CliError('the password is empty');
  return value;
}
