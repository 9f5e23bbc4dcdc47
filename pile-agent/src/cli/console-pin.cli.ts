// `pile-agent console pin-hash`: turns a technician PIN into the scrypt hash for the config's
// `console.pinHash` (shared/secret-hash.ts). The PIN is read from stdin — typed without echo on a
// terminal, or the first line of a pipe — never from the command line (shell history). 4–12 digits.
import type { Command } from 'commander';
import { hashSecret } from '../shared/secret-hash.js';

export const PIN_PATTERN = /^\d{4,12}$/;

function readPin(): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let text = '';
    const tty = stdin.isTTY === true;
    if (tty) {
      process.stderr.write('technician PIN: ');
      stdin.setRawMode(true);
    }
    const done = () => {
      stdin.off('data', onData);
      if (tty) {
        stdin.setRawMode(false);
        process.stderr.write('\n');
      }
      stdin.pause();
      resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') process.exit(130);
        if ((ch === '\u007f' || ch === '\b') && text.length > 0) text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
    stdin.on('end', done);
  });
}

export function register(program: Command): void {
  const cmd = program.command('console').description('technician console tools (the console itself runs inside `pile-agent run`)');
  cmd
    .command('pin-hash')
    .description('read a technician PIN (4-12 digits) from stdin and print its scrypt hash for console.pinHash')
    .action(async () => {
      const pin = (await readPin()).trim();
      if (!PIN_PATTERN.test(pin)) {
        console.error('pile-agent console pin-hash: the PIN must be 4 to 12 digits');
        process.exitCode = 2;
        return;
      }
      console.log(await hashSecret(pin));
    });
}
