// `bench vbus [--ports N] [--log FILE] [--trace] [--json]`: starts a virtual CAN bus of N SLCAN
// adapters on pty pairs (transports/virtual-bus.ts), prints the device paths to wire simulators and
// the agent to, optionally appends the traffic to FILE as `candump -L` lines, runs until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { fileCandumpSink } from '../../../pile-agent/drivers.js';
import { formatCandumpLine } from '../../../pile-agent/protocols.js';
import { nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { VirtualCanBus } from '../transports/virtual-bus.js';

interface Options {
  ports: string;
  log?: string;
  trace?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('vbus')
    .description('virtual CAN bus: N SLCAN adapters on pty pairs; every frame one port sends reaches the other open ports')
    .option('--ports <n>', 'number of ports (1–32)', '2')
    .option('--log <file>', 'append the bus traffic to FILE as candump -L lines')
    .option('--trace', 'print every frame on stderr as a candump -L line')
    .option('--json', 'print one JSON line {"ready":true,"ports":[…]} instead of the human listing')
    .action(async (o: Options) => {
      const ports = Number(o.ports);
      if (!Number.isInteger(ports) || ports < 1 || ports > 32) {
        console.error(`vbus: --ports must be an integer 1–32, got ${JSON.stringify(o.ports)}`);
        process.exitCode = 2;
        return;
      }
      const log = o.log ? fileCandumpSink(o.log, (e) => console.error(`vbus: cannot write ${o.log}: ${e.message}`)) : undefined;
      let bus: VirtualCanBus;
      try {
        bus = await VirtualCanBus.start({ ports, clock: systemClock, logger: nullLogger, log });
      } catch (e) {
        console.error(`vbus: cannot start: ${(e as Error).message}`);
        process.exitCode = 1;
        return;
      }
      if (o.trace) {
        bus.onTraffic((f, from) => {
          const line = formatCandumpLine({ t: Date.now() / 1000, iface: 'vbus0', id: f.id, extended: f.extended, rtr: f.rtr ?? false, data: f.data });
          console.error(`${line}  (from ${from === 'inject' ? 'inject' : `port ${from}`})`);
        });
      }
      if (o.json) {
        console.log(JSON.stringify({ ready: true, ports: bus.paths, log: o.log ?? null }));
      } else {
        bus.paths.forEach((p, i) => console.log(`port ${i}: ${p}`));
        console.log(`SLCAN on every port (S0–S8, O/L/C, V, N, F, Z0/Z1); ${o.log ? `logging to ${o.log}; ` : ''}Ctrl-C to stop`);
      }
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await bus.close();
    });
}
