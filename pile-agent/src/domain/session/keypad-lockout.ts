// The keypad lockout of one connector: after `maxFailures` wrong passwords in a row (fixed password
// at start and stop passwords while running count alike) the keypad locks for `lockMs`; the lock
// ends with the machine's `timeout:keypad` event (the runner owns the timer). A right password
// resets the count. Pure functions over a small state record; no clock, no timers here.

export interface KeypadState {
  /** Wrong passwords in a row since the last right one or the last unlock. */
  readonly failures: number;
  readonly locked: boolean;
}

export interface KeypadConfig {
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const KEYPAD_OPEN: KeypadState = { failures: 0, locked: false };

/** A wrong password: counts it; `justLocked` when this one reached the limit. */
export function keypadWrong(s: KeypadState, cfg: KeypadConfig): { state: KeypadState; justLocked: boolean } {
  if (s.locked) return { state: s, justLocked: false };
  const failures = s.failures + 1;
  if (failures >= cfg.maxFailures) return { state: { failures, locked: true }, justLocked: true };
  return { state: { failures, locked: false }, justLocked: false };
}

/** A right password: the count starts again. */
export function keypadRight(s: KeypadState): KeypadState {
  return s.locked ? s : KEYPAD_OPEN;
}

/** The lock time is over. */
export function keypadUnlock(): KeypadState {
  return KEYPAD_OPEN;
}
