// The card-reader port: tells the session layer that a card was presented, as a canonical card
// number (protocols/card-reader/card-number.ts). A card held on the reader is reported once; it is
// reported again only after it was removed.

export interface CardPresented {
  /** Canonical card number in the reader profile's format. */
  readonly cardNo: string;
  /** The raw UID, upper-case hex, for technicians. */
  readonly uidHex: string;
  readonly atMs: number;
}

export interface CardReader {
  /** Opens the device, initialises the reader and starts polling; rejects if the device cannot be opened. */
  start(): Promise<void>;
  /** Registers the listener for presented cards; returns an unsubscribe function. */
  onCard(listener: (card: CardPresented) => void): () => void;
  /** The last card presented since start (for the console's `card last`), or null. */
  lastCard(): CardPresented | null;
  /** Stops polling and closes the device; idempotent. */
  stop(): Promise<void>;
}
