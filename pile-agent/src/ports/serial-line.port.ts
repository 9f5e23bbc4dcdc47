// The serial line port: a byte stream to a device (SLCAN adapter, RS-485 bus, card reader, the
// technician console). Framing is never done here: framers sit above this port (house rule R2).

export interface SerialLineOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly dataBits?: 7 | 8;
  readonly stopBits?: 1 | 2;
}

export interface SerialLine {
  /** Opens the device; rejects with AgentError(DriverIo) if it cannot be opened. */
  open(): Promise<void>;
  /** Writes bytes and resolves once they are handed to the OS (drained). */
  write(bytes: Uint8Array): Promise<void>;
  /** Registers the data listener (chunks in arrival order, arbitrary boundaries); returns unsubscribe. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Registers a listener for the line closing unexpectedly (device unplugged); returns unsubscribe. */
  onClose(listener: (error?: Error) => void): () => void;
  /** Closes the device; idempotent; no data listener is called afterwards. */
  close(): Promise<void>;
}
