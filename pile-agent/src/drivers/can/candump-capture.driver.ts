// Field captures: CandumpCapture appends frames as `candump -L` lines (reference §6.2) to a sink,
// stamped with the injected clock's wall time; withCapture() wraps any CanChannel so every frame it
// receives and every frame it sends successfully is recorded, like `candump -L` with TX loopback.
// The files replay with candump-file.driver.ts and decode with the `gbt decode` command.
import { createWriteStream } from 'node:fs';
import { formatCandumpLine } from '../../protocols/candump/candump-line.js';
import type { CanChannel, CanFrame } from '../../ports/can-channel.port.js';
import type { Clock } from '../../ports/clock.port.js';

/** Where capture lines go; each line arrives without its newline. */
export interface CandumpSink {
  write(line: string): void;
  close(): Promise<void>;
}

/** A sink appending to a file (created if missing); write errors are reported once to onError. */
export function fileCandumpSink(path: string, onError: (e: Error) => void = () => {}): CandumpSink {
  const stream = createWriteStream(path, { flags: 'a' });
  let failed = false;
  stream.on('error', (e) => {
    if (!failed) onError(e);
    failed = true;
  });
  return {
    write: (line) => {
      if (!failed) stream.write(`${line}\n`);
    },
    close: () => new Promise<void>((resolve) => (failed ? resolve() : stream.end(() => resolve()))),
  };
}

/** A sink keeping lines in memory (tests, the console's short trace buffer). */
export function memoryCandumpSink(lines: string[] = []): CandumpSink & { lines: string[] } {
  return { lines, write: (l) => void lines.push(l), close: async () => {} };
}

export interface CandumpCaptureDeps {
  readonly sink: CandumpSink;
  readonly clock: Clock;
  /** Interface name written on every line, e.g. `can0`. */
  readonly iface: string;
}

export class CandumpCapture {
  private closed = false;

  constructor(private readonly deps: CandumpCaptureDeps) {}

  /** The clock's wall time now (ms), to stamp a frame whose recording happens later. */
  stamp(): number {
    return this.deps.clock.now();
  }

  /** Appends one frame stamped with wallMs (default: now); ignored after close(). */
  record(frame: CanFrame, wallMs = this.deps.clock.now()): void {
    if (this.closed) return;
    this.deps.sink.write(
      formatCandumpLine({
        t: wallMs / 1000,
        iface: this.deps.iface,
        id: frame.id,
        extended: frame.extended,
        rtr: frame.rtr ?? false,
        data: frame.data,
      }),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.deps.sink.close();
  }
}

/** Wraps a channel so its received and successfully sent frames are recorded; same port otherwise. */
export function withCapture(inner: CanChannel, capture: CandumpCapture): CanChannel {
  inner.onFrame((frame) => capture.record(frame));
  return {
    open: () => inner.open(),
    send: async (frame) => {
      const wallMs = capture.stamp();
      await inner.send(frame);
      capture.record(frame, wallMs);
    },
    onFrame: (l) => inner.onFrame(l),
    onError: (l) => inner.onError(l),
    close: () => inner.close(),
  };
}
