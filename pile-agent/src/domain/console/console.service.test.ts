// The console service on an in-memory line with a fake context and a fake clock: login and
// lockout through the terminal, command answers, json mode, live trace and Ctrl-C, asynchronous
// output redrawing the prompt, idle logout, garbage and over-long lines.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsoleService } from './console.service.js';
import { LoginGate } from './login.js';
import { createConsoleRegistry } from './commands/index.js';
import { FakeConsoleContext } from '../../testing/fake-console-context.js';
import { FakeConsoleLine } from '../../testing/fake-console-line.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { capturingLogger } from '../../shared/logger.js';
import { hashSecret } from '../../shared/secret-hash.js';
import type { BmsTraceRecord } from '../../ports/bms-link.port.js';

let pinHash: string;
beforeAll(async () => {
  pinHash = await hashSecret('2468', { N: 1024, r: 8, p: 1 });
});

async function setup(options: { idleLogoutMs?: number; maxLineBytes?: number } = {}) {
  const clock = new FakeClock();
  const logger = capturingLogger();
  const line = new FakeConsoleLine();
  const ctx = new FakeConsoleContext();
  const service = new ConsoleService({
    line,
    context: ctx,
    registry: createConsoleRegistry(),
    clock,
    logger,
    channel: 'test',
    login: new LoginGate({ pinHash, clock, logger }),
    ...options,
  });
  service.start();
  await service.whenIdle();
  const banner = line.take();
  /** Output written so far (writes are queued: wait for them). */
  const out = async () => {
    await service.whenIdle();
    return line.take();
  };
  const send = async (text: string | number[]) => {
    line.type(text);
    await service.whenIdle();
    return line.take();
  };
  const login = async () => {
    line.take();
    expect(await send('2468\r')).toContain('logged in');
  };
  return { clock, logger, line, ctx, service, send, login, out, banner };
}

const frame: BmsTraceRecord = { direction: 'tx', atMs: 1000, frame: { id: 0x1826f456, extended: true, data: new Uint8Array([1, 1, 0]) } };

describe('ConsoleService login', () => {
  it('greets, asks for the PIN with masked echo, and opens the command prompt on the right PIN', async () => {
    const { banner, send, service } = await setup();
    expect(banner).toBe('pilegate pile-agent console - pile P-TEST-1, station S-TEST, profile sim\r\nPIN: ');
    expect(await send('2468\r\n')).toBe('****\r\nlogged in; type "help" for the commands\r\nP-TEST-1> ');
    expect(service.isLoggedIn).toBe(true);
  });

  it('does not run commands before login: a command typed at the PIN prompt is a wrong PIN', async () => {
    const { send, ctx } = await setup();
    expect(await send('meter read\r')).toBe('**********\r\nwrong PIN (4 tries left before a lockout)\r\nPIN: ');
    expect(ctx.meterReads).toEqual([]);
  });

  it('locks after 5 wrong PINs for 5 minutes, then accepts the PIN again', async () => {
    const { send, clock, logger, service } = await setup();
    for (let i = 0; i < 4; i++) await send('1111\r');
    expect(await send('1111\r')).toBe('****\r\ntoo many wrong PINs: console locked, try again in 5m\r\nPIN: ');
    clock.advance(60_000);
    expect(await send('2468\r')).toContain('console locked, try again in 4m');
    expect(service.isLoggedIn).toBe(false);
    clock.advance(240_000);
    expect(await send('2468\r')).toContain('logged in');
    const outcomes = logger.records.filter((r) => (r.obj as { event?: string }).event === 'console.login').map((r) => (r.obj as { outcome: string }).outcome);
    expect(outcomes).toEqual(['denied', 'denied', 'denied', 'denied', 'locked', 'locked', 'granted']);
  });

  it('ignores an empty line at the PIN prompt without counting it', async () => {
    const { send } = await setup();
    expect(await send('\r')).toBe('\r\nPIN: ');
    expect(await send('0\r')).toContain('4 tries left');
  });

  it('logout returns to the PIN prompt and stops a running trace', async () => {
    const { send, login, ctx, service } = await setup();
    await login();
    await send('gbt trace on\r');
    expect(await send('logout\r')).toBe('logout\r\nlogged out\r\nPIN: ');
    expect(service.isLoggedIn).toBe(false);
    expect(ctx.traceSubscribers).toBe(0);
    expect(await send('status\r')).toContain('wrong PIN');
  });
});

describe('ConsoleService hang-up', () => {
  it('Ctrl-D on an empty line logs out and stops a trace: the next person on the line meets the PIN prompt', async () => {
    const { send, login, ctx, service } = await setup();
    await login();
    await send('gbt trace on\r');
    expect(await send([0x04])).toBe('\r\nlogged out\r\nPIN: ');
    expect(service.isLoggedIn).toBe(false);
    expect(ctx.traceSubscribers).toBe(0);
    expect(await send('status\r')).toContain('wrong PIN');
  });

  it('Ctrl-D inside a typed line is ignored; at the PIN prompt it changes nothing', async () => {
    const { send, login, service } = await setup();
    expect(await send([0x04])).toBe('\r\n');
    await login();
    expect(await send([0x77, 0x68, 0x04, 0x69, 0x74, 0x65, 0x6c, 0x69, 0x73, 0x74, 0x0d])).toContain('version: 42');
    expect(service.isLoggedIn).toBe(true);
  });
});

describe('ConsoleService commands', () => {
  it('answers a command under its echo, then prompts again', async () => {
    const { send, login } = await setup();
    await login();
    expect(await send('whitelist\r')).toBe('whitelist\r\nversion: 42\r\ndepartments: 2, vehicles: 2, cards: 2, fixed passwords: 0\r\nP-TEST-1> ');
  });

  it('answers unknown commands and bad arguments with error lines', async () => {
    const { send, login } = await setup();
    await login();
    expect(await send('reboot\r')).toBe('reboot\r\nerror: unknown command "reboot" (try "help")\r\nP-TEST-1> ');
    expect(await send('meter read x\r')).toContain('error: connector must be a whole number, got "x"; usage: meter read [connector]\r\n');
  });

  it('prints one JSON line for "json <command>"', async () => {
    const { send, login } = await setup();
    await login();
    const answer = await send('json whitelist\r');
    const json = answer.split('\r\n')[1];
    expect(JSON.parse(json)).toEqual({ ok: true, value: { version: 42, counts: { departments: 2, vehicles: 2, cards: 2, fixedPasswords: 0 } } });
    expect(JSON.parse((await send('json reboot\r')).split('\r\n')[1])).toEqual({ ok: false, error: 'unknown command "reboot" (try "help")', value: null });
  });

  it('runs lines typed ahead in order, one at a time', async () => {
    const { line, service, login, out } = await setup();
    await login();
    line.type('whitelist\rlog tail 1\r');
    await service.whenIdle();
    const answer = await out();
    expect(answer.indexOf('version: 42')).toBeLessThan(answer.indexOf('WARN meter slow'));
  });

  it('logs every command with its name and outcome', async () => {
    const { send, login, logger } = await setup();
    await login();
    await send('whitelist find ZZ\r');
    await send('nope\r');
    const cmds = logger.records.filter((r) => (r.obj as { event?: string }).event === 'console.command').map((r) => r.obj);
    expect(cmds).toEqual([
      { event: 'console.command', channel: 'test', command: 'whitelist find', ok: true },
      { event: 'console.command', channel: 'test', command: 'nope', ok: false },
    ]);
  });
});

describe('ConsoleService bad input', () => {
  it('rejects a line with garbage bytes with a clear message and runs nothing', async () => {
    const { send, login, ctx, logger } = await setup();
    await login();
    expect(await send([0x6d, 0x00, 0xff, 0x65, 0x0d])).toBe('me\r\nerror: line ignored: 2 control or invalid byte(s) (0x00 0xFF)\r\nP-TEST-1> ');
    expect(ctx.meterReads).toEqual([]);
    expect(logger.records.some((r) => (r.obj as { event?: string }).event === 'console.rejected')).toBe(true);
  });

  it('rejects an over-long line and keeps working', async () => {
    const { send, login } = await setup({ maxLineBytes: 32 });
    await login();
    const answer = await send(`${'x'.repeat(100)}\r`);
    expect(answer).toContain('error: line too long (more than 32 bytes), ignored\r\nP-TEST-1> ');
    expect(await send('whitelist\r')).toContain('version: 42');
  });
});

describe('ConsoleService trace and asynchronous output', () => {
  it('prints trace lines live, and Ctrl-C stops the trace', async () => {
    const { send, login, ctx, clock, out } = await setup();
    await login();
    expect(await send('gbt trace on\r')).toBe('gbt trace on\r\nGB/T trace on (Ctrl-C or "gbt trace off" stops it)\r\nP-TEST-1> ');
    ctx.pushTrace(1, frame);
    ctx.pushTrace(1, frame);
    expect(await out()).toBe('\r\nc1 1.000 tx 1826F456 [3] 01 01 00\r\nc1 1.000 tx 1826F456 [3] 01 01 00\r\n');
    clock.advance(300);
    expect(await out()).toBe('P-TEST-1> ');
    expect(await send([0x03])).toBe('^C\r\nstopped: gbt trace\r\nP-TEST-1> ');
    expect(ctx.traceSubscribers).toBe(0);
    ctx.pushTrace(1, frame);
    expect(await out()).toBe('');
  });

  it('redraws the prompt with the half-typed line after asynchronous output', async () => {
    const { send, login, ctx, line, clock, out } = await setup();
    await login();
    await send('gbt trace on\r');
    line.type('sta');
    ctx.pushTrace(1, frame);
    clock.advance(300);
    expect(await out()).toBe('sta\r\nc1 1.000 tx 1826F456 [3] 01 01 00\r\nP-TEST-1> sta');
    ctx.pushTrace(1, frame);
    line.type('t'); // typing before the redraw draws the prompt line at once
    expect(await out()).toBe('\r\nc1 1.000 tx 1826F456 [3] 01 01 00\r\nP-TEST-1> stat');
    expect(await send('us\r')).toContain('us\r\npile P-TEST-1, station S-TEST');
  });

  it('Ctrl-C without a trace just gives a fresh prompt', async () => {
    const { send, login } = await setup();
    await login();
    expect(await send('sess\x03')).toBe('sess^C\r\nP-TEST-1> ');
  });
});

describe('ConsoleService idle logout and line loss', () => {
  it('logs out after the idle time without input, but not while a trace runs', async () => {
    const { send, login, clock, service, out } = await setup({ idleLogoutMs: 60_000 });
    await login();
    clock.advance(59_000);
    await send('whitelist\r');
    clock.advance(59_000);
    expect(service.isLoggedIn).toBe(true);
    await send('gbt trace on\r');
    clock.advance(180_000);
    expect(service.isLoggedIn).toBe(true);
    await send('gbt trace off\r');
    clock.advance(60_000);
    expect(service.isLoggedIn).toBe(false);
    expect(await out()).toBe('\r\nlogged out after 1m without input\r\nPIN: ');
  });

  it('stops the trace and forgets the login when the line closes; stop() unsubscribes', async () => {
    const { send, login, ctx, line, service } = await setup();
    await login();
    await send('gbt trace on\r');
    line.hangUp();
    expect(ctx.traceSubscribers).toBe(0);
    expect(service.isLoggedIn).toBe(false);
    await service.stop();
    expect(line.listeners).toBe(0);
  });
});
