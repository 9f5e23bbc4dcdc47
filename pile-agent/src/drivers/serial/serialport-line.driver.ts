// SerialLine over the `serialport` package: a real tty (USB-CAN adapter, RS-485 dongle, reader,
// console cable) or one end of a socat pty pair in tests. Moves bytes only; no framing here.
import { SerialPort } from 'serialport';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { SerialLine, SerialLineOptions } from '../../ports/serial-line.port.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export class SerialPortLine implements SerialLine {
  private readonly events = new TypedEmitter<{ data: [chunk: Uint8Array]; close: [error?: Error] }>();
  private port: SerialPort | null = null;
  private closing = false;

  constructor(private readonly options: SerialLineOptions) {}

  async open(): Promise<void> {
    if (this.port) return;
    const o = this.options;
    const port = new SerialPort({
      path: o.path,
      baudRate: o.baudRate,
      parity: o.parity ?? 'none',
      dataBits: o.dataBits ?? 8,
      stopBits: o.stopBits ?? 1,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(new AgentError(AgentErrorCode.DriverIo, `cannot open ${o.path}: ${e.message}`, { cause: e })) : resolve())));
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.events.emit('data', bytes);
    });
    port.on('close', (e?: Error) => {
      this.port = null;
      if (!this.closing) this.events.emit('close', e ?? new Error(`${o.path} closed`));
    });
    port.on('error', () => {
      /* surfaced through close; an unhandled 'error' would crash the process */
    });
    this.closing = false;
    this.port = port;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new AgentError(AgentErrorCode.DriverNotOpen, `${this.options.path} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (e) => (e ? reject(new AgentError(AgentErrorCode.DriverIo, e.message, { cause: e })) : undefined));
      port.drain((e) => (e ? reject(new AgentError(AgentErrorCode.DriverIo, e.message, { cause: e })) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.events.on('close', listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.closing = true;
    this.events.clear();
    await new Promise<void>((resolve) => port.close(() => resolve()));
    this.port = null;
  }
}
