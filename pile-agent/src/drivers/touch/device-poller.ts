// Reads a character device (an evdev node) without ever blocking a thread: the device is opened
// O_NONBLOCK and read until it has nothing (EAGAIN), then polled again after `idleMs`. A blocking read
// (fs streams read in the libuv thread pool) would hold a pool thread until the next touch, and
// closing the device would wait for that touch; here close() is immediate. Polling every 20 ms adds at
// most 20 ms to a tap and costs a few hundred microseconds a second.
import { close, read } from 'node:fs';

export interface DevicePollerDeps {
  readonly fd: number;
  readonly onData: (chunk: Buffer) => void;
  readonly onError: (e: Error) => void;
  /** The wait after the device had nothing to read; default 20 ms. */
  readonly idleMs?: number;
}

export class DevicePoller {
  private readonly buf = Buffer.alloc(24 * 64);
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  private closed = false;
  private readonly done: Promise<void>;
  private finish: () => void = () => {};

  constructor(private readonly deps: DevicePollerDeps) {
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.pump();
  }

  /** Resolves once the device is closed. */
  whenClosed(): Promise<void> {
    return this.done;
  }

  /** Stops polling and closes the device at once (a read in flight returns without waiting for input). */
  async close(): Promise<void> {
    if (this.closed) return this.done;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.reading) this.release();
    return this.done;
  }

  private release(): void {
    close(this.deps.fd, () => this.finish());
  }

  private pump(): void {
    this.timer = null;
    if (this.closed) return;
    this.reading = true;
    read(this.deps.fd, this.buf, 0, this.buf.length, null, (err, n) => {
      this.reading = false;
      if (this.closed) return this.release();
      if (err && (err.code === 'EAGAIN' || err.code === 'EWOULDBLOCK')) {
        this.timer = setTimeout(() => this.pump(), this.deps.idleMs ?? 20);
        return;
      }
      if (err) {
        this.deps.onError(err);
        this.closed = true;
        return this.release();
      }
      if (n === 0) {
        // End of input (a device gone): nothing more will come.
        this.closed = true;
        return this.release();
      }
      this.deps.onData(Buffer.from(this.buf.subarray(0, n)));
      setImmediate(() => this.pump());
    });
  }
}
