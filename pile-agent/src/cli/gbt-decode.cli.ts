// `pile-agent gbt decode [FILE|-] [--tp] [--edition 2011|2015]`: decodes a `candump -L` capture
// (reference §6.2) for technicians, one JSON object per message on stdout, streaming line by line.
// Only I/O lives here; the lines → records logic is protocols/gbt27930/trace/candump-trace.ts.
// Exit 0 even with bad lines (they print {"error", "line"}); exit 1 when the input cannot be read.
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { CandumpTraceDecoder } from '../protocols/gbt27930/trace/candump-trace.js';
import { jsonLine } from '../protocols/gbt27930/trace/json-line.js';

interface Options {
  tp?: boolean;
  edition: string;
}

const FLUSH_BYTES = 64 * 1024;

export function register(program: Command): void {
  const gbt = program.commands.find((c) => c.name() === 'gbt') ?? program.command('gbt').description('GB/T 27930 (BMS CAN) tools');
  gbt
    .command('decode')
    .description('decode a candump -L capture into one JSON object per GB/T 27930 message')
    .argument('[file]', 'capture file, or - for standard input', '-')
    .option('--tp', 'also print TP.CM / TP.DT frames and discarded transfers')
    .option('--edition <edition>', 'CRM layout: 2011 (1-byte charger number) or 2015', '2015')
    .addHelpText('after', '\nUnknown PGNs print as "msg": "UNKNOWN" with id, pgn and data; bad lines as {"error", "line"}.')
    .action(async (file: string, o: Options) => {
      if (o.edition !== '2011' && o.edition !== '2015') {
        process.stderr.write(`gbt decode: --edition must be 2011 or 2015, got ${o.edition}\n`);
        process.exitCode = 2;
        return;
      }
      let input: Readable;
      try {
        input = file === '-' ? process.stdin : (await open(file, 'r')).createReadStream({ encoding: 'utf8' });
      } catch (e) {
        process.stderr.write(`gbt decode: cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      try {
        await decodeStream(input, new CandumpTraceDecoder({ showTp: !!o.tp, edition: o.edition }));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') return; // e.g. piped into head
        process.stderr.write(`gbt decode: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

async function decodeStream(input: Readable, decoder: CandumpTraceDecoder): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let pending = '';
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    for (const r of decoder.line(line, lineNo)) pending += jsonLine(r as unknown as Record<string, unknown>) + '\n';
    if (pending.length >= FLUSH_BYTES) {
      await write(pending);
      pending = '';
    }
  }
  if (pending) await write(pending);
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    process.stdout.once('error', onError);
    const flushed = process.stdout.write(text, (e) => {
      process.stdout.off('error', onError);
      if (e) reject(e);
    });
    if (flushed) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
