// The CAN port: one classic CAN channel (SocketCAN interface, SLCAN adapter, or a candump file).
// Frames are plain data; GB/T 27930 uses 29-bit extended identifiers only, but the port carries
// standard frames too so a technician trace shows whatever is on the wire.

export interface CanFrame {
  /** 11-bit (extended=false) or 29-bit (extended=true) identifier, without flag bits. */
  readonly id: number;
  readonly extended: boolean;
  /** 0–8 bytes (classic CAN). */
  readonly data: Uint8Array;
  /** Remote transmission request (no data). */
  readonly rtr?: boolean;
}

/** A channel-level problem that is not a frame: adapter BELL, bus error, garbage on the line. */
export interface CanChannelError {
  readonly code: 'adapter-error' | 'bad-line' | 'bus-error' | 'closed' | 'overrun';
  readonly message: string;
}

export interface CanChannel {
  /** Opens the channel (configures the bit rate, goes on-bus). Rejects with AgentError on failure. */
  open(): Promise<void>;
  /** Sends one frame. Rejects if the channel is not open or the adapter refuses the frame. */
  send(frame: CanFrame): Promise<void>;
  /** Registers the frame listener; returns an unsubscribe function. Frames arrive in bus order. */
  onFrame(listener: (frame: CanFrame, atMs: number) => void): () => void;
  /** Registers a listener for channel errors (logged, never thrown); returns an unsubscribe function. */
  onError(listener: (error: CanChannelError) => void): () => void;
  /** Goes off-bus and releases the device; pending sends reject; idempotent. */
  close(): Promise<void>;
}
