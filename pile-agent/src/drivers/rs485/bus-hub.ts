// One owner per RS-485 line (house rule; EVerest SerialCommHub): every device on the bus — meters
// and, later, a card reader — goes through this hub, which runs one exchange at a time in FIFO
// order and keeps the line silent for the inter-frame gap (Modbus over serial line §2.5.1.1 t3.5)
// before each request. Modbus exchanges use the RTU framer; other protocols borrow the line
// exclusively through withLine(). Owns no policy: retries and faults belong to the device drivers.
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { SerialLine } from '../../ports/serial-line.port.js';
import type { Logger } from '../../shared/logger.js';
import { err, ok, type Result } from '../../shared/result.js';
import { encodeRtuAdu, decodeRtuAdu, silenceIntervalMs } from '../../protocols/modbus/rtu-frame.js';
import { RtuFramer } from '../../protocols/modbus/rtu-framer.js';
import type { ModbusTransport, ModbusTransportError } from './modbus-transport.js';

export interface BusHubDeps {
  readonly line: SerialLine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly baud: number;
  /** Silence before each request; default t3.5 of the baud rate. */
  readonly interFrameGapMs?: number;
  /** Silence that ends a received frame; default max(t3.5, 20 ms) because a userspace process sees OS-delayed chunks. */
  readonly rxSilenceMs?: number;
}

/** Raw, exclusive access to the line for a non-Modbus device (card reader). */
export interface BusLease {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

interface Pending {
  readonly unitId: number;
  readonly done: (r: Result<Uint8Array, ModbusTransportError>) => void;
}

export class Rs485BusHub implements ModbusTransport {
  private tail: Promise<unknown> = Promise.resolve();
  private lastActivityMs = Number.NEGATIVE_INFINITY;
  private readonly framer: RtuFramer;
  private readonly gapMs: number;
  private readonly rxSilenceMs: number;
  private pending: Pending | null = null;
  private leaseListeners: Set<(chunk: Uint8Array) => void> | null = null;
  private silenceTimer: TimerHandle | null = null;
  private closed = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: BusHubDeps) {
    this.gapMs = deps.interFrameGapMs ?? silenceIntervalMs(deps.baud);
    this.rxSilenceMs = deps.rxSilenceMs ?? Math.max(silenceIntervalMs(deps.baud), 20);
    this.framer = new RtuFramer('responses', this.rxSilenceMs);
    this.unsubscribe.push(deps.line.onData((c) => this.onData(c)));
    this.unsubscribe.push(deps.line.onClose((e) => this.fail({ code: 'closed', message: `line closed: ${e?.message ?? ''}` })));
  }

  /** Opens the underlying line. */
  open(): Promise<void> {
    return this.deps.line.open();
  }

  request(unitId: number, pdu: Uint8Array, opts: { readonly timeoutMs: number }): Promise<Result<Uint8Array, ModbusTransportError>> {
    return this.enqueue(() => this.exchange(unitId, pdu, opts.timeoutMs));
  }

  /** Runs fn with the line to itself (after the inter-frame gap); the next exchange waits for it. */
  withLine<T>(fn: (lease: BusLease) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.waitGap();
      const listeners = new Set<(chunk: Uint8Array) => void>();
      this.leaseListeners = listeners;
      try {
        return await fn({
          write: (b) => this.deps.line.write(b),
          onData: (l) => (listeners.add(l), () => listeners.delete(l)),
        });
      } finally {
        this.leaseListeners = null;
        this.lastActivityMs = this.deps.clock.monotonic();
      }
    });
  }

  /** Fails the pending exchange and queued ones with 'closed' and closes the line. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail({ code: 'closed', message: 'bus hub closed' });
    for (const u of this.unsubscribe) u();
    this.silenceTimer?.cancel();
    await this.deps.line.close();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private waitGap(): Promise<void> {
    const wait = this.lastActivityMs + this.gapMs - this.deps.clock.monotonic();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => this.deps.clock.setTimer(wait, resolve));
  }

  private async exchange(unitId: number, pdu: Uint8Array, timeoutMs: number): Promise<Result<Uint8Array, ModbusTransportError>> {
    if (this.closed) return err({ code: 'closed', message: 'bus hub closed' });
    await this.waitGap();
    const dropped = this.framer.reset();
    if (dropped) this.deps.logger.debug({ dropped }, 'discarded bytes before request');
    const answer = new Promise<Result<Uint8Array, ModbusTransportError>>((resolve) => {
      const timer = this.deps.clock.setTimer(timeoutMs, () => {
        this.pending = null;
        resolve(err({ code: 'timeout', message: `unit ${unitId}: no answer within ${timeoutMs} ms` }));
      });
      this.pending = {
        unitId,
        done: (r) => {
          timer.cancel();
          this.pending = null;
          resolve(r);
        },
      };
    });
    try {
      await this.deps.line.write(encodeRtuAdu({ unitId, pdu }));
    } catch (e) {
      this.pending?.done(err({ code: 'io', message: (e as Error).message }));
    }
    const r = await answer;
    this.lastActivityMs = this.deps.clock.monotonic();
    return r;
  }

  private onData(chunk: Uint8Array): void {
    const now = this.deps.clock.monotonic();
    this.lastActivityMs = now;
    if (this.leaseListeners) {
      for (const l of this.leaseListeners) l(chunk);
      return;
    }
    this.deliver(this.framer.feed(chunk, now).frames);
    this.silenceTimer?.cancel();
    this.silenceTimer = this.framer.pending ? this.deps.clock.setTimer(this.rxSilenceMs, () => this.deliver(this.framer.flush(this.deps.clock.monotonic()).frames)) : null;
  }

  private deliver(frames: Uint8Array[]): void {
    for (const frame of frames) {
      const adu = decodeRtuAdu(frame);
      if (!adu.ok) continue;
      if (this.pending && adu.value.unitId === this.pending.unitId) this.pending.done(ok(adu.value.pdu));
      else this.deps.logger.debug({ unitId: adu.value.unitId }, 'unexpected frame on the bus (late answer?)');
    }
  }

  private fail(e: ModbusTransportError): void {
    this.pending?.done(err(e));
  }
}
