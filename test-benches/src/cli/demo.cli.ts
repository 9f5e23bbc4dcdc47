// `bench demo [--fast] [--act ID,...] [--log FILE]` (what `npm start` runs): the narrated demo of
// src/demo — a registered bus charges, an unregistered one is refused before CRM 0xAA, a 2011 bus
// without VIN falls back — over real pty/SLCAN links. Narrative on stdout; exit 0 when every
// expectation held, 1 otherwise, 2 on bad options.
import type { Command } from 'commander';
import { DEMO_ACTS, FAST_TIMING, REFERENCE_TIMING, runDemo } from '../demo/demo.js';

interface Options {
  fast?: boolean;
  act?: string;
  log?: string;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('narrated demo: buses charging (or refused) through the agent\'s GB/T stack over real serial links; exit 0 when every expectation held')
    .option('--fast', `shortened protocol waits (BHM fallback ${FAST_TIMING.bhmFallbackMs} ms, BMS BEM after ${FAST_TIMING.bmsCrmAaTimeoutMs} ms) instead of the reference's 5 s`)
    .option('--act <ids>', `play only these acts, comma-separated (${DEMO_ACTS.map((a) => a.id).join(', ')})`)
    .option('--log <file>', 'append the bus traffic to FILE as candump -L lines')
    .action(async (o: Options) => {
      const only = o.act?.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = (only ?? []).filter((id) => !DEMO_ACTS.some((a) => a.id === id));
      if (unknown.length) {
        console.error(`demo: unknown --act ${unknown.join(', ')}; known: ${DEMO_ACTS.map((a) => a.id).join(', ')}`);
        process.exitCode = 2;
        return;
      }
      try {
        const result = await runDemo({ say: (line) => console.log(line), timing: o.fast ? FAST_TIMING : REFERENCE_TIMING, only, candumpFile: o.log });
        process.exitCode = result.ok ? 0 : 1;
      } catch (e) {
        console.error(`demo: cannot run: ${(e as Error).message}`);
        process.exitCode = 1;
      }
    });
}
