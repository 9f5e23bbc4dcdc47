// Test helper: a fake SerialLine playing an SLCAN adapter from a script. Every CR-terminated line
// the driver writes goes to `answer(line)`, whose string (if any) comes back as received bytes on
// the next microtask; `feed()` pushes unsolicited bytes. Deterministic: no timers, no real I/O.
import type { SerialLine } from '../ports/serial-line.port.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export class ScriptedSlcanLine implements SerialLine {
  private readonly events = new TypedEmitter<{ data: [chunk: Uint8Array]; close: [error?: Error] }>();
  /** Every command line written, without CR, in order (`''` for each flush CR). */
  readonly written: string[] = [];
  opened = false;
  failWrites = false;
  private partial = '';

  constructor(private readonly answer: (line: string) => string | undefined) {}

  async open(): Promise<void> {
    this.opened = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.opened) throw new Error('scripted line not open');
    if (this.failWrites) throw new Error('scripted write failure');
    for (const b of bytes) {
      if (b !== 0x0d) {
        this.partial += String.fromCharCode(b);
        continue;
      }
      const line = this.partial;
      this.partial = '';
      this.written.push(line);
      const reply = this.answer(line);
      if (reply !== undefined) queueMicrotask(() => this.feed(reply));
    }
  }

  /** Delivers bytes to the driver as if the adapter had sent them. */
  feed(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? Uint8Array.from(text, (c) => c.charCodeAt(0)) : text;
    this.events.emit('data', bytes);
  }

  /** Simulates the device disappearing (USB unplug). */
  unplug(): void {
    this.opened = false;
    this.events.emit('close', new Error('device unplugged'));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.events.on('close', listener);
  }

  async close(): Promise<void> {
    this.opened = false;
    this.events.clear();
  }
}

/** A well-behaved CANUSB-like answer script: OK to commands, `Z`/`z` to frames, BELL to C when closed. */
export function canusbScript(): (line: string) => string | undefined {
  let open = false;
  return (line) => {
    if (line === '') return '\x07';
    if (line === 'C') {
      const was = open;
      open = false;
      return was ? '\r' : '\x07';
    }
    if (line === 'O' || line === 'L') {
      if (open) return '\x07';
      open = true;
      return '\r';
    }
    if (/^S[0-8]$/.test(line) || /^Z[01]$/.test(line)) return open ? '\x07' : '\r';
    if (line === 'V') return 'V1013\r';
    if (line === 'F') return open ? 'F00\r' : '\x07';
    if (line.startsWith('T')) return open ? 'Z\r' : '\x07';
    if (line.startsWith('t')) return open ? 'z\r' : '\x07';
    return '\x07';
  };
}
