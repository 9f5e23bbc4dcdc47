// Turns evdev packets (events up to SYN_REPORT) into touch contacts: down, move, up, in the device's
// raw coordinates. Reads single-touch (BTN_TOUCH / BTN_LEFT + ABS_X/ABS_Y) and multi-touch type B
// slot 0 (ABS_MT_TRACKING_ID ≥ 0 / −1 + ABS_MT_POSITION_X/Y), Documentation/input/multi-touch-protocol.rst;
// after SYN_DROPPED everything up to the next SYN_REPORT is discarded (Documentation/input/event-codes.rst).
// A pure (state, event) → {state, touches} step; no I/O.
import {
  ABS_MT_POSITION_X,
  ABS_MT_POSITION_Y,
  ABS_MT_SLOT,
  ABS_MT_TRACKING_ID,
  ABS_X,
  ABS_Y,
  BTN_LEFT,
  BTN_TOUCH,
  EV_ABS,
  EV_KEY,
  EV_SYN,
  SYN_DROPPED,
  SYN_REPORT,
  type InputEvent,
} from './input-event.js';

export interface RawTouch {
  readonly phase: 'down' | 'move' | 'up';
  readonly x: number;
  readonly y: number;
}

export interface AssemblerState {
  readonly x: number | null;
  readonly y: number | null;
  /** Contact as of the pending packet. */
  readonly touching: boolean;
  /** Contact as of the last SYN_REPORT, and where it was reported. */
  readonly reported: { readonly touching: boolean; readonly x: number | null; readonly y: number | null };
  /** Multi-touch slot the following ABS_MT_* events are about; only slot 0 is followed. */
  readonly slot: number;
  readonly dropping: boolean;
}

export const ASSEMBLER_START: AssemblerState = { x: null, y: null, touching: false, reported: { touching: false, x: null, y: null }, slot: 0, dropping: false };

export function assembleTouch(s: AssemblerState, e: InputEvent): { state: AssemblerState; touches: RawTouch[] } {
  if (s.dropping) return { state: e.type === EV_SYN && e.code === SYN_REPORT ? { ...s, dropping: false } : s, touches: [] };
  if (e.type === EV_SYN && e.code === SYN_DROPPED) return { state: { ...s, dropping: true }, touches: [] };
  if (e.type === EV_KEY && (e.code === BTN_TOUCH || e.code === BTN_LEFT)) return { state: { ...s, touching: e.value !== 0 }, touches: [] };
  if (e.type === EV_ABS) {
    if (e.code === ABS_MT_SLOT) return { state: { ...s, slot: e.value }, touches: [] };
    if (e.code === ABS_X || (e.code === ABS_MT_POSITION_X && s.slot === 0)) return { state: { ...s, x: e.value }, touches: [] };
    if (e.code === ABS_Y || (e.code === ABS_MT_POSITION_Y && s.slot === 0)) return { state: { ...s, y: e.value }, touches: [] };
    if (e.code === ABS_MT_TRACKING_ID && s.slot === 0) return { state: { ...s, touching: e.value >= 0 }, touches: [] };
    return { state: s, touches: [] };
  }
  if (e.type === EV_SYN && e.code === SYN_REPORT) return report(s);
  return { state: s, touches: [] };
}

function report(s: AssemblerState): { state: AssemblerState; touches: RawTouch[] } {
  const touches: RawTouch[] = [];
  const was = s.reported;
  if (s.touching && s.x !== null && s.y !== null) {
    if (!was.touching) touches.push({ phase: 'down', x: s.x, y: s.y });
    else if (was.x !== s.x || was.y !== s.y) touches.push({ phase: 'move', x: s.x, y: s.y });
    return { state: { ...s, reported: { touching: true, x: s.x, y: s.y } }, touches };
  }
  if (!s.touching && was.touching) touches.push({ phase: 'up', x: s.x ?? was.x ?? 0, y: s.y ?? was.y ?? 0 });
  return { state: { ...s, reported: { touching: false, x: s.x, y: s.y } }, touches };
}
