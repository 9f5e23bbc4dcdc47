// Pure routing of the screen's button presses (ButtonPress from screen.controller.ts) in the running
// agent: returns the new screen UI state (selected gun, keypad with its typed digits, dismissed
// summaries) and the agent commands to run, as data. `vin-charge` starts mode 4; `stop` / `password-charge`
// open the keypad; `key-ok` submits the digits as a stop / fixed password; `cancel` closes the keypad.
import type { ButtonPress } from './screen.controller.js';
import type { ScreenUi } from './session-to-screen.js';

export type ScreenCommand =
  | { readonly type: 'select'; readonly connectorId: number }
  | { readonly type: 'vin-charge'; readonly connectorId: number }
  /** A typed password: the fixed password at start, stop passwords while running (the session decides). */
  | { readonly type: 'password'; readonly connectorId: number; readonly password: string };

export interface PressState {
  readonly ui: ScreenUi;
  /** The digits typed on the open keypad; never shown, never logged. */
  readonly digits: string;
}

export interface PressResult {
  readonly state: PressState;
  readonly commands: readonly ScreenCommand[];
}

export const INITIAL_UI = (connectorId: number): ScreenUi => ({ selectedConnectorId: connectorId, keypad: null, dismissed: [] });

const closeKeypad = (s: PressState): PressState => ({ ui: { ...s.ui, keypad: null }, digits: '' });
const openKeypad = (s: PressState, connectorId: number, purpose: 'stop' | 'start'): PressState => ({
  ui: { ...s.ui, selectedConnectorId: connectorId, keypad: { connectorId, purpose, digitCount: 0 } },
  digits: '',
});
const withDigits = (s: PressState, digits: string): PressState => ({
  ui: { ...s.ui, keypad: s.ui.keypad && { ...s.ui.keypad, digitCount: digits.length } },
  digits,
});

export function routePress(s: PressState, p: ButtonPress, maxDigits: number): PressResult {
  const none = (state: PressState = s): PressResult => ({ state, commands: [] });
  const id = p.connectorId;
  const conn = /^connector-(\d+)$/.exec(p.name);
  if (conn) {
    const n = Number(conn[1]);
    return { state: { ui: { ...s.ui, keypad: null, selectedConnectorId: n }, digits: '' }, commands: [{ type: 'select', connectorId: n }] };
  }
  if (s.ui.keypad) {
    const key = /^key-(\d)$/.exec(p.name);
    if (key) return none(s.digits.length >= maxDigits ? s : withDigits(s, s.digits + key[1]));
    if (p.name === 'key-del') return none(withDigits(s, s.digits.slice(0, -1)));
    if (p.name === 'cancel') return none(closeKeypad(s));
    if (p.name === 'key-ok') {
      if (!s.digits) return none();
      return { state: closeKeypad(s), commands: [{ type: 'password', connectorId: s.ui.keypad.connectorId, password: s.digits }] };
    }
    return none();
  }
  if (id === null) return none();
  switch (p.name) {
    case 'vin-charge':
      return { state: { ...s, ui: { ...s.ui, selectedConnectorId: id, dismissed: s.ui.dismissed.filter((x) => x !== id) } }, commands: [{ type: 'vin-charge', connectorId: id }] };
    case 'card-charge':
      return { state: { ...s, ui: { ...s.ui, selectedConnectorId: id } }, commands: [{ type: 'select', connectorId: id }] };
    case 'password-charge':
      return none(openKeypad(s, id, 'start'));
    case 'stop':
      return none(openKeypad(s, id, 'stop'));
    case 'back':
    case 'done':
      return none({ ...s, ui: { ...s.ui, dismissed: [...s.ui.dismissed.filter((x) => x !== id), id] } });
    default:
      return none();
  }
}

/** A connector's phase changed: a dismissed summary is forgotten (the next one shows again). */
export function forgetDismissed(s: PressState, connectorId: number): PressState {
  return s.ui.dismissed.includes(connectorId) ? { ...s, ui: { ...s.ui, dismissed: s.ui.dismissed.filter((x) => x !== connectorId) } } : s;
}
