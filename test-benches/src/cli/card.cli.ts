// `npx bench card --port PATH`: a simulated PN532 card reader on a serial port (a pty of the bench,
// or a USB-serial cable into a real pile's reader port). Cards are presented from stdin lines:
// `present <UID hex>`, `remove`, `silent on|off`, `quit`; `--uid` presents one at start.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { SerialPortLine } from '../../../pile-agent/drivers.js';
import { Pn532Sim } from '../sims/card-reader/pn532.sim.js';

export function register(program: Command): void {
  program
    .command('card')
    .description('simulate a PN532 card reader on a serial port; type "present UID", "remove", "silent on|off", "quit"')
    .requiredOption('--port <path>', 'serial device the pile reads its card reader from')
    .option('--baud <n>', 'serial speed', '115200')
    .option('--uid <hex>', 'present this card (4 or 7 bytes of hex) right away')
    .action(async (opts: { port: string; baud: string; uid?: string }) => {
      const sim = new Pn532Sim(new SerialPortLine({ path: opts.port, baudRate: Number(opts.baud) }));
      await sim.start();
      const say = (s: string) => process.stderr.write(`${s}\n`);
      if (opts.uid) {
        sim.present(opts.uid);
        say(`card ${opts.uid.toUpperCase()} on the reader`);
      }
      say(`PN532 simulator on ${opts.port}; commands: present UID | remove | silent on|off | quit`);
      const rl = createInterface({ input: process.stdin });
      const quit = async () => {
        rl.close();
        await sim.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void quit());
      process.once('SIGTERM', () => void quit());
      for await (const raw of rl) {
        const [cmd, arg] = raw.trim().split(/\s+/);
        try {
          if (cmd === 'present' && arg) {
            sim.present(arg);
            say(`card ${arg.toUpperCase()} on the reader`);
          } else if (cmd === 'remove') {
            sim.remove();
            say('reader empty');
          } else if (cmd === 'silent' && (arg === 'on' || arg === 'off')) {
            sim.setSilent(arg === 'on');
            say(`reader ${arg === 'on' ? 'silent' : 'answering'}`);
          } else if (cmd === 'quit') break;
          else if (cmd) say(`unknown command: ${raw.trim()}`);
        } catch (e) {
          say(`error: ${(e as Error).message}`);
        }
      }
      await quit();
    });
}
