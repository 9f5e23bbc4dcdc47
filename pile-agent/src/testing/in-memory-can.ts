// A deterministic in-memory pair of CanChannels for tests: a frame sent on one end is delivered
// synchronously, in order, to the other end's listeners (when that end is open), stamped with the
// injected clock. Each end records what it sent. No module-level state: every test owns its pair.
import type { CanChannel, CanChannelError, CanFrame } from '../ports/can-channel.port.js';
import type { Clock } from '../ports/clock.port.js';
import { AgentError, AgentErrorCode } from '../shared/errors.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export interface InMemoryCanEnd extends CanChannel {
  /** Every frame this end sent, in order. */
  readonly sent: CanFrame[];
  readonly isOpen: boolean;
  /** Delivers a channel error to this end's error listeners (adapter trouble in tests). */
  raiseError(error: CanChannelError): void;
}

class End implements InMemoryCanEnd {
  private readonly events = new TypedEmitter<{ frame: [f: CanFrame, atMs: number]; error: [e: CanChannelError] }>();
  readonly sent: CanFrame[] = [];
  peer!: End;
  private open_ = false;

  constructor(private readonly clock?: Clock) {}

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    this.open_ = true;
  }

  async send(frame: CanFrame): Promise<void> {
    if (!this.open_) throw new AgentError(AgentErrorCode.DriverNotOpen, 'in-memory CAN end is not open');
    const copy: CanFrame = { ...frame, data: frame.data.slice() };
    this.sent.push(copy);
    this.peer.deliver(copy);
  }

  onFrame(listener: (frame: CanFrame, atMs: number) => void): () => void {
    return this.events.on('frame', listener);
  }

  onError(listener: (error: CanChannelError) => void): () => void {
    return this.events.on('error', listener);
  }

  async close(): Promise<void> {
    this.open_ = false;
  }

  raiseError(error: CanChannelError): void {
    this.events.emit('error', error);
  }

  private deliver(frame: CanFrame): void {
    if (!this.open_) return;
    const atMs = this.clock?.monotonic() ?? 0;
    this.events.emit('frame', frame, atMs);
  }
}

/** Two connected ends; open both before sending. */
export function createInMemoryCanPair(clock?: Clock): { a: InMemoryCanEnd; b: InMemoryCanEnd } {
  const a = new End(clock);
  const b = new End(clock);
  a.peer = b;
  b.peer = a;
  return { a, b };
}
