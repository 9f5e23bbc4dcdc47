// `bench bms --port PATH --vin VIN [--edition] [--behavior] [--bitrate] [--baud] [--target-soc]`: runs
// the simulated GB/T 27930 BMS on a real serial port through SlcanCanChannel (a virtual-bus port, or
// a USB-CAN adapter wired to a real charger controller). Phase changes go to stderr; with --json one
// {"ready":…} line goes to stdout once on-bus. Stops cleanly on SIGINT/SIGTERM; exit 2 on bad options.
import type { Command } from 'commander';
import { SerialPortLine, SlcanCanChannel } from '../../../pile-agent/drivers.js';
import { formatCandumpLine } from '../../../pile-agent/protocols.js';
import { systemClock } from '../../../pile-agent/ports.js';
import type { Logger } from '../../../pile-agent/ports.js';
import { BMS_BEHAVIORS } from '../sims/bms/behaviors/index.js';
import { parseBmsCliOptions, type BmsCliRaw } from '../sims/bms/bms-cli-options.js';
import { GbtBmsSim } from '../sims/bms/gbt-bms.sim.js';

interface Options extends BmsCliRaw {
  readonly trace?: boolean;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** A minimal stderr logger: `bms <level> <msg> {fields}`; debug only with --verbose. */
function stderrLogger(verbose: boolean, bindings: Record<string, unknown> = {}): Logger {
  const at = (level: string) => (obj: object | string, msg?: string) => {
    if (level === 'debug' && !verbose) return;
    const text = typeof obj === 'string' ? obj : (msg ?? '');
    const fields = typeof obj === 'string' ? '' : ` ${JSON.stringify(obj)}`;
    process.stderr.write(`${new Date().toISOString()} bms ${level} ${text}${fields}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (b) => stderrLogger(verbose, { ...bindings, ...b }) };
}

const behaviorHelp = Object.entries(BMS_BEHAVIORS)
  .map(([name, b]) => `  ${name.padEnd(20)} ${b.description}`)
  .join('\n');

export function register(program: Command): void {
  program
    .command('bms')
    .description('simulated GB/T 27930 BMS (an electric bus) on an SLCAN adapter or a virtual-bus port')
    .option('--port <path>', 'serial device of the SLCAN adapter (e.g. a `bench vbus` port)')
    .option('--vin <vin>', 'VIN sent in BRM (1–17 printable characters; bad text or a wrong check digit is allowed on purpose, with a warning; "none" = absent)')
    .option('--edition <year>', 'BMS edition: 2015 (BHM, 49-byte BRM) or 2011 (no BHM, 41-byte BRM, no VIN by default)', '2015')
    .option('--behavior <names>', 'behaviour(s), comma-separated (see below); default bem-on-crm-timeout')
    .option('--bitrate <bit/s>', 'CAN bit rate (SLCAN preset)', '250000')
    .option('--baud <n>', 'serial line speed (ignored by USB-CDC adapters)', '115200')
    .option('--target-soc <percent>', 'SOC at which the BMS stops with BST "SOC target reached" (bst-at-target-soc: default 80)')
    .option('--soc <percent>', 'SOC at the start (default 35, as vector A)')
    .option('--soc-speed <factor>', 'charge integration speed-up (1 = real time)')
    .option('--seed <n>', 'seed of the garbage-frames behaviour')
    .option('--trace', 'print every frame the BMS hears and sends on stderr as candump -L lines')
    .option('--json', 'print one JSON line {"ready":true,…} on stdout once on-bus')
    .option('--verbose', 'debug log lines (TP transfer failures…)')
    .addHelpText('after', `\nBehaviours:\n${behaviorHelp}\n`)
    .action(async (o: Options) => {
      const parsed = parseBmsCliOptions(o);
      if (!parsed.ok) {
        for (const e of parsed.errors) console.error(`bms: ${e}`);
        process.exitCode = 2;
        return;
      }
      const { port, bitrate, baud, config, warnings, behaviors } = parsed.value;
      for (const w of warnings) console.error(`bms: warning: ${w}`);
      const logger = stderrLogger(o.verbose ?? false);
      const line = new SerialPortLine({ path: port, baudRate: baud });
      const can = new SlcanCanChannel({ line, bitrate, logger, clock: systemClock });
      try {
        await can.open();
      } catch (e) {
        console.error(`bms: cannot open ${port}: ${(e as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const sim = new GbtBmsSim({ can, clock: systemClock, logger, config });
      if (o.trace) {
        sim.onTrace((dir, f) => {
          const text = formatCandumpLine({ t: Date.now() / 1000, iface: 'bms', id: f.id, extended: f.extended, rtr: f.rtr ?? false, data: f.data });
          process.stderr.write(`${dir} ${text}\n`);
        });
      }
      sim.start();
      if (o.json) console.log(JSON.stringify({ ready: true, port, edition: config.edition, vin: sim.settings.vin, behaviors, bitrate }));
      else console.error(`bms: ${config.edition} BMS on ${port} at ${bitrate} bit/s, VIN ${sim.settings.vin ?? '(absent)'}; Ctrl-C to stop`);
      const stopped = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
        line.onClose((e) => resolve(`serial line closed: ${e?.message ?? 'unknown'}`));
      });
      console.error(`bms: stopping (${stopped})`);
      sim.stop();
      await can.close().catch(() => undefined);
      if (stopped.startsWith('serial')) process.exitCode = 1;
    });
}
