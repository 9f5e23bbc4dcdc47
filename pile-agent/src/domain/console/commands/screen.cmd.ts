// The touchscreen from the console, for a technician whose screen is broken or out of reach, and for
// a test bench driving a real controller: `screen` (what it shows now), `press N vin-charge` (the
// VIN充电 button of connector N, as a touch) and `keypad N DIGITS` (a start or stop password typed
// and confirmed on connector N's keypad; never echoed). They act exactly as the screen would: the
// session decides (a keypad lockout applies here too).
import { done, failed, type CommandResult } from '../registry.js';
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

/** A command acting on one connector of the pile: `NAME <connector> <arg>`, the connector checked first. */
function onConnector(name: string, arg: string, help: string, act: (id: number, value: string, ctx: ConsoleContext) => CommandResult): ConsoleCommand {
  return {
    name,
    args: [
      { name: 'connector', kind: 'int', min: 1, max: 16 },
      { name: arg, kind: 'string' },
    ],
    help,
    handler(args, ctx) {
      const id = args.connector as number;
      const bad = connectorError(ctx, id);
      return bad ? failed(bad) : act(id, String(args[arg]), ctx);
    },
  };
}

export const pressCommand = onConnector('press', 'button', "press the connector's screen button, as a touch (vin-charge: VIN充电)", (id, button, ctx) => {
  if (button !== 'vin-charge') return failed(`unknown button ${button} (the screen has: vin-charge)`);
  ctx.pressButton(id, 'vin-charge');
  return done([`pressed vin-charge on connector ${id}`], { connectorId: id, button: 'vin-charge' });
});

export const keypadCommand = onConnector('keypad', 'digits', "type a password on the connector's keypad and confirm it (not echoed)", (id, digits, ctx) => {
  if (!/^\d{1,16}$/.test(digits)) return failed('the keypad has digits only (1 to 16 of them)');
  ctx.enterPassword(id, digits);
  return done([`typed ${'*'.repeat(digits.length)} on connector ${id}`], { connectorId: id, digits: digits.length });
});
