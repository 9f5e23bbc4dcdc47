// An in-memory console line for unit tests: what the console writes is collected as text, what
// the technician types is pushed with type(). Implements the part of SerialLine the console uses.
import type { ConsoleLine } from '../domain/console/console.service.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export class FakeConsoleLine implements ConsoleLine {
  private readonly events = new TypedEmitter<{ data: [chunk: Uint8Array]; close: [error?: Error] }>();
  private readonly decoder = new TextDecoder();
  /** Everything written so far, decoded as UTF-8. */
  output = '';

  async write(bytes: Uint8Array): Promise<void> {
    this.output += this.decoder.decode(bytes, { stream: true });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.events.on('close', listener);
  }

  /** Sends text (UTF-8) or raw bytes as if typed on the terminal. */
  type(input: string | Uint8Array | number[]): void {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : Uint8Array.from(input);
    this.events.emit('data', bytes);
  }

  /** Returns the output written since the last call and forgets it. */
  take(): string {
    const out = this.output;
    this.output = '';
    return out;
  }

  /** Simulates the cable being pulled. */
  hangUp(): void {
    this.events.emit('close', new Error('line closed'));
  }

  get listeners(): number {
    return this.events.listenerCount('data');
  }
}
