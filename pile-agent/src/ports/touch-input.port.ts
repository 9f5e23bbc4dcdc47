// The touch-input port: touch points in logical screen coordinates (already scaled from the device's
// range and turned by the profile's rotation), each contact ending with an `up`; and button presses
// by name from external touchscreen drivers. Drivers: evdev-touch.driver.ts, socket-display.driver.ts.

export type TouchEvent =
  /** A contact began (`down`), moved (`move`) or was released (`up`, at its last position). */
  | { readonly type: 'touch'; readonly phase: 'down' | 'move' | 'up'; readonly x: number; readonly y: number }
  /** An external driver pressed a named button of the current screen (already checked against its hit regions). */
  | { readonly type: 'button'; readonly name: string };

export interface TouchInput {
  /** Registers a listener; returns the unsubscribe function. */
  onTouch(listener: (event: TouchEvent) => void): () => void;
  /** Stops reading and releases the device; idempotent. No events are delivered after it resolves. */
  close(): Promise<void>;
}
