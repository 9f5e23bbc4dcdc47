// An in-memory console line for unit tests: what the console writes is collected as text, what
// the technician types is pushed with type(). Implements the part of SerialLine the console uses.
import type { ConsoleLine } from '../domain/console/console.service.js';

export class FakeConsoleLine implements ConsoleLine {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private readonly decoder = new TextDecoder();
  /** Everything written so far, decoded as UTF-8. */
  output = '';

  async write(bytes: Uint8Array): Promise<void> {
    this.output += this.decoder.decode(bytes, { stream: true });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Sends text (UTF-8) or raw bytes as if typed on the terminal. */
  type(input: string | Uint8Array | number[]): void {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : Uint8Array.from(input);
    for (const l of this.dataListeners) l(bytes);
  }

  /** Returns the output written since the last call and forgets it. */
  take(): string {
    const out = this.output;
    this.output = '';
    return out;
  }

  /** Simulates the cable being pulled. */
  hangUp(): void {
    for (const l of this.closeListeners) l(new Error('line closed'));
  }

  get listeners(): number {
    return this.dataListeners.size;
  }
}
