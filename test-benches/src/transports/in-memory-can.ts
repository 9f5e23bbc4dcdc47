// A deterministic in-memory pair of CanChannels (two nodes on one wire) for simulator and driver
// unit tests. Frames arrive at the other end in send order, either synchronously (through a
// drain queue, so a listener that answers never recurses) or after a delay on the injected Clock.
// No real I/O, no module-level state: each test owns its pair. Not for benches over real ports.
import { AgentError, AgentErrorCode } from '../../../pile-agent/ports.js';
import type { CanChannel, CanChannelError, CanFrame, Clock } from '../../../pile-agent/ports.js';

export type InMemoryCanSide = 'a' | 'b';

export interface InMemoryCanOptions {
  /** Time source for the `atMs` of received frames and for delayed delivery. */
  readonly clock?: Clock;
  /** 0 or absent: synchronous delivery; > 0: delivered this many ms later through `clock.setTimer`. */
  readonly latencyMs?: number;
}

export interface InMemoryCanPair {
  readonly a: CanChannel;
  readonly b: CanChannel;
  /** Every frame put on the wire, in order, with the side that sent it (a test's bus trace). */
  readonly trace: { readonly from: InMemoryCanSide; readonly frame: CanFrame; readonly atMs: number }[];
  /** Injects a channel error at one side (e.g. to test that listeners log and go on). */
  injectError(side: InMemoryCanSide, error: CanChannelError): void;
}

class Endpoint implements CanChannel {
  open_ = false;
  closed = false;
  readonly frameListeners = new Set<(frame: CanFrame, atMs: number) => void>();
  readonly errorListeners = new Set<(error: CanChannelError) => void>();

  constructor(private readonly transmit: (frame: CanFrame) => void) {}

  async open(): Promise<void> {
    if (this.closed) throw new AgentError(AgentErrorCode.DriverNotOpen, 'in-memory CAN channel was closed');
    this.open_ = true;
  }

  async send(frame: CanFrame): Promise<void> {
    if (!this.open_) throw new AgentError(AgentErrorCode.DriverNotOpen, 'in-memory CAN channel is not open');
    if (frame.data.length > 8) throw new AgentError(AgentErrorCode.DriverIo, `CAN frame data longer than 8 bytes (${frame.data.length})`);
    // Copy: a sender that reuses its buffer must not change a frame already on the wire.
    this.transmit({ id: frame.id, extended: frame.extended, data: Uint8Array.from(frame.data), ...(frame.rtr ? { rtr: true } : {}) });
  }

  onFrame(listener: (frame: CanFrame, atMs: number) => void): () => void {
    this.frameListeners.add(listener);
    return () => void this.frameListeners.delete(listener);
  }

  onError(listener: (error: CanChannelError) => void): () => void {
    this.errorListeners.add(listener);
    return () => void this.errorListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.open_ = false;
    this.closed = true;
  }

  deliver(frame: CanFrame, atMs: number): void {
    if (!this.open_) return; // an off-bus node hears nothing
    for (const l of [...this.frameListeners]) l(frame, atMs);
  }
}

/** Creates two connected channels; each must be opened before it sends or hears anything. */
export function createInMemoryCanPair(options: InMemoryCanOptions = {}): InMemoryCanPair {
  const { clock, latencyMs = 0 } = options;
  if (latencyMs > 0 && !clock) throw new AgentError(AgentErrorCode.ConfigInvalid, 'latencyMs needs a clock');
  const now = () => (clock ? clock.monotonic() : 0);
  const trace: { from: InMemoryCanSide; frame: CanFrame; atMs: number }[] = [];
  const queue: { to: Endpoint; frame: CanFrame }[] = [];
  let draining = false;

  const drain = () => {
    if (draining) return;
    draining = true;
    try {
      for (let item = queue.shift(); item; item = queue.shift()) item.to.deliver(item.frame, now());
    } finally {
      draining = false;
    }
  };

  const wire = (from: InMemoryCanSide) => (frame: CanFrame) => {
    trace.push({ from, frame, atMs: now() });
    const to = from === 'a' ? b : a;
    if (latencyMs > 0 && clock) {
      clock.setTimer(latencyMs, () => to.deliver(frame, now()));
    } else {
      queue.push({ to, frame });
      drain();
    }
  };
  const a: Endpoint = new Endpoint(wire('a'));
  const b: Endpoint = new Endpoint(wire('b'));

  return {
    a,
    b,
    trace,
    injectError(side, error) {
      for (const l of [...(side === 'a' ? a : b).errorListeners]) l(error);
    },
  };
}
