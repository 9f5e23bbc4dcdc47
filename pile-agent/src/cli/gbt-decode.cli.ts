// `pile-agent gbt decode [FILE|-] [--tp] [--edition 2011|2015]`: decodes a `candump -L` capture
// (reference §6.2) for technicians, one JSON object per message on stdout, streaming line by line.
// Only I/O lives here; the lines → JSON logic is protocols/gbt27930/trace/ (trace-json.ts).
// Exit 0 even with bad lines (they print {"error", "line"}); exit 1 when the input cannot be read.
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { TraceJsonFormatter } from '../protocols/gbt27930/trace/trace-json.js';

interface Options {
  tp?: boolean;
  edition: string;
}

const FLUSH_BYTES = 256 * 1024;

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
        input = file === '-' ? process.stdin : (await open(file, 'r')).createReadStream({ highWaterMark: 1024 * 1024 });
      } catch (e) {
        process.stderr.write(`gbt decode: cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      try {
        await decodeStream(input, new TraceJsonFormatter({ showTp: !!o.tp, edition: o.edition }));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') return; // e.g. piped into head
        process.stderr.write(`gbt decode: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

/** The input's lines (LF or CRLF), split from its text chunks without a per-line event. */
async function* linesOf(input: Readable): AsyncGenerator<string[]> {
  input.setEncoding('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield lines;
  }
  if (rest) yield [rest];
}

async function decodeStream(input: Readable, decoder: TraceJsonFormatter): Promise<void> {
  const out = stdoutWriter();
  try {
    await decodeTo(input, decoder, out.write);
  } finally {
    out.close();
  }
}

async function decodeTo(input: Readable, decoder: TraceJsonFormatter, write: (text: string) => Promise<void>): Promise<void> {
  let pending = '';
  let lineNo = 0;
  for await (const lines of linesOf(input)) {
    for (let line of lines) {
      lineNo++;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      pending += decoder.line(line, lineNo);
      if (pending.length >= FLUSH_BYTES) {
        await write(pending);
        pending = '';
      }
    }
  }
  if (pending) await write(pending);
}

/**
 * Writes to stdout with back-pressure: waits for 'drain' when its buffer is full. One error listener
 * for the whole run (a listener per write would pile up while writes complete synchronously).
 */
function stdoutWriter(): { write(text: string): Promise<void>; close(): void } {
  let failure: Error | null = null;
  const onError = (e: Error) => void (failure ??= e);
  process.stdout.on('error', onError);
  return {
    async write(text) {
      if (failure) throw failure;
      if (!process.stdout.write(text)) await once(process.stdout, 'drain');
      if (failure) throw failure;
    },
    close: () => void process.stdout.off('error', onError),
  };
}
