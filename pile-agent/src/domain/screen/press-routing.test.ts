// Press routing as data: VIN charge, the stop / start keypad collecting digits (never past maxDigits),
// delete, cancel, submit as a password command, connector tabs, dismissing a summary.
import { describe, expect, it } from 'vitest';
import { forgetDismissed, INITIAL_UI, routePress, type PressState } from './press-routing.js';
import type { ButtonPress } from './screen.controller.js';

const press = (name: string, view = 'idle', connectorId: number | null = 1): ButtonPress => ({ name, view, connectorId, source: 'driver' });
const START: PressState = { ui: INITIAL_UI(1), digits: '' };
const run = (s: PressState, names: string[], view = 'keypad') => {
  const commands: unknown[] = [];
  for (const n of names) {
    const r = routePress(s, press(n, view), 4);
    s = r.state;
    commands.push(...r.commands);
  }
  return { s, commands };
};

describe('routePress', () => {
  it('vin-charge starts mode 4 on the pressed connector', () => {
    expect(routePress(START, press('vin-charge'), 8).commands).toEqual([{ type: 'vin-charge', connectorId: 1 }]);
  });

  it('stop opens the stop keypad; digits are collected (at most maxDigits), del removes, ok submits and closes', () => {
    const opened = routePress(START, press('stop', 'charging'), 4).state;
    expect(opened.ui.keypad).toEqual({ connectorId: 1, purpose: 'stop', digitCount: 0 });
    const { s, commands } = run(opened, ['key-8', 'key-8', 'key-1', 'key-del', 'key-8', 'key-8', 'key-9']);
    expect(s.ui.keypad?.digitCount).toBe(4);
    expect(commands).toEqual([]);
    const done = routePress(s, press('key-ok', 'keypad'), 4);
    expect(done.commands).toEqual([{ type: 'password', connectorId: 1, password: '8888' }]);
    expect(done.state).toEqual({ ui: { ...START.ui, keypad: null }, digits: '' });
  });

  it('password-charge opens the start keypad; cancel goes back without a command; ok with no digits does nothing', () => {
    const opened = routePress(START, press('password-charge'), 8).state;
    expect(opened.ui.keypad?.purpose).toBe('start');
    expect(routePress(opened, press('key-ok', 'keypad'), 8).commands).toEqual([]);
    const { s, commands } = run(opened, ['key-1', 'cancel']);
    expect(commands).toEqual([]);
    expect(s.ui.keypad).toBeNull();
    expect(s.digits).toBe('');
  });

  it('connector tabs select the gun; done dismisses the receipt until the phase changes', () => {
    const r = routePress(START, press('connector-2', 'idle', 2), 8);
    expect(r.commands).toEqual([{ type: 'select', connectorId: 2 }]);
    expect(r.state.ui.selectedConnectorId).toBe(2);
    const dismissed = routePress(START, press('done', 'receipt'), 8).state;
    expect(dismissed.ui.dismissed).toEqual([1]);
    expect(forgetDismissed(dismissed, 1).ui.dismissed).toEqual([]);
  });
});
