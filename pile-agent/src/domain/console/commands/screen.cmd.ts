// The touchscreen from the console, for a technician whose screen is broken or out of reach, and for
// a test bench driving a real controller: `screen` (what it shows now), `press N vin-charge` (the
// VIN充电 button of connector N, as a touch) and `keypad N DIGITS` (a start or stop password typed
// and confirmed on connector N's keypad; never echoed). They act exactly as the screen would: the
// session decides (a keypad lockout applies here too).
import { done, failed } from '../registry.js';
import type { ConsoleCommand } from '../console-io.js';
import type { ConsoleContext } from '../console-context.js';

function connectorError(ctx: ConsoleContext, id: number): string | null {
  const known = ctx.connectors().map((c) => c.id);
  return known.includes(id) ? null : `no connector ${id} (this pile has ${known.join(', ')})`;
}

export const screenCommand: ConsoleCommand = {
  name: 'screen',
  help: 'what the touchscreen shows now (view, connector, reason)',
  handler(_args, ctx) {
    const s = ctx.screen();
    if (!s) return done(['the screen has shown nothing yet'], null);
    const v = s.view as { view: string; connectorId?: number; reason?: string };
    const parts = [`view ${v.view}`];
    if (v.connectorId !== undefined) parts.push(`connector ${v.connectorId}`);
    if (v.reason !== undefined) parts.push(`reason ${v.reason}`);
    parts.push(s.common.online ? 'online' : 'offline');
    return done([parts.join(', ')], s);
  },
};

export const pressCommand: ConsoleCommand = {
  name: 'press',
  args: [
    { name: 'connector', kind: 'int', min: 1, max: 16 },
    { name: 'button', kind: 'string' },
  ],
  help: "press the connector's screen button, as a touch (vin-charge: VIN充电)",
  handler(args, ctx) {
    const id = args.connector as number;
    const bad = connectorError(ctx, id);
    if (bad) return failed(bad);
    if (args.button !== 'vin-charge') return failed(`unknown button ${String(args.button)} (the screen has: vin-charge)`);
    ctx.pressButton(id, 'vin-charge');
    return done([`pressed vin-charge on connector ${id}`], { connectorId: id, button: 'vin-charge' });
  },
};

export const keypadCommand: ConsoleCommand = {
  name: 'keypad',
  args: [
    { name: 'connector', kind: 'int', min: 1, max: 16 },
    { name: 'digits', kind: 'string' },
  ],
  help: "type a password on the connector's keypad and confirm it (not echoed)",
  handler(args, ctx) {
    const id = args.connector as number;
    const bad = connectorError(ctx, id);
    if (bad) return failed(bad);
    const digits = String(args.digits);
    if (!/^\d{1,16}$/.test(digits)) return failed('the keypad has digits only (1 to 16 of them)');
    ctx.enterPassword(id, digits);
    return done([`typed ${'*'.repeat(digits.length)} on connector ${id}`], { connectorId: id, digits: digits.length });
  },
};
