// help, config show, log tail, logout, gbt trace.
import { describe, expect, it } from 'vitest';
import { kit } from './command-test-kit.js';
import type { BmsTraceRecord } from '../../../ports/bms-link.port.js';

describe('help', () => {
  it('lists every console command with usage and help', async () => {
    const r = await kit().run('help');
    const names = (r.value as { name: string }[]).map((c) => c.name);
    expect(names).toEqual([
      'card last',
      'config show',
      'gbt trace',
      'help',
      'keypad',
      'log tail',
      'logout',
      'meter read',
      'press',
      'probe',
      'provision',
      'screen',
      'selftest',
      'sessions',
      'status',
      'sync',
      'sync now',
      'whitelist',
      'whitelist find',
    ]);
    expect(r.lines).toContain('gbt trace <on|off>                         show decoded GB/T 27930 frames of every connector live (Ctrl-C stops)');
    expect(r.lines.at(-1)).toMatch(/prefix any command with "json"/);
  });

  it('shows one command, or a family of two-word commands', async () => {
    const { run } = kit();
    expect((await run('help meter read')).lines).toEqual(['meter read [connector]  read the energy meter now (one connector, or all)']);
    expect((await run('help whitelist')).lines).toHaveLength(2);
    expect((await run('help reboot')).lines).toEqual(['error: no command "reboot" (type "help" for the list)']);
  });
});

describe('config show', () => {
  it('prints path = value lines with every secret redacted', async () => {
    const r = await kit().run('config show');
    expect(r.lines).toEqual(['cloud.password = <redacted>', 'cloud.url = mqtts://cloud.example:8883', 'console.idleLogoutMs = 600000', 'console.technicianPinHash = <redacted>', 'pileId = P-TEST-1']);
    expect(JSON.stringify(r.value)).not.toMatch(/hunter2|scrypt/);
  });
});

describe('log tail', () => {
  it('prints the last lines, default 20, and says when the log is empty', async () => {
    const { ctx, run } = kit();
    expect((await run('log tail')).lines).toEqual(ctx.logLines);
    expect((await run('log tail 1')).lines).toEqual(['2026-01-01T00:00:01Z WARN meter slow']);
    ctx.logLines = [];
    expect((await run('log tail')).lines).toEqual(['(log is empty)']);
    expect((await run('log tail 501')).ok).toBe(false);
  });
});

describe('logout', () => {
  it('asks the console to end the login', async () => {
    const { io, run } = kit();
    expect((await run('logout')).lines).toEqual(['logged out']);
    expect(io.loggedOut).toBe(true);
  });
});

const brm: BmsTraceRecord = {
  direction: 'rx',
  atMs: 12_345,
  frame: { id: 0x1cebf456, extended: true, data: new Uint8Array([0x07, 0x31, 0x32, 0x33, 0xff, 0xff, 0xff, 0xff]) },
  message: { name: 'BHM', maxChargingVoltageDeciV: 7500 } as unknown as BmsTraceRecord['message'],
};

describe('gbt trace', () => {
  it('on: subscribes and emits one decoded line per record; off: unsubscribes', async () => {
    const { ctx, io, run } = kit();
    expect((await run('gbt trace on')).lines).toEqual(['GB/T trace on (Ctrl-C or "gbt trace off" stops it)']);
    expect(ctx.traceSubscribers).toBe(1);
    ctx.pushTrace(2, brm);
    expect(io.emitted).toEqual(['c2 12.345 rx 1CEBF456 BHM {"maxChargingVoltageDeciV": 7500}']);
    expect((await run('gbt trace on')).lines).toEqual(['GB/T trace is already on']);
    expect(ctx.traceSubscribers).toBe(1);
    expect((await run('gbt trace off')).lines).toEqual(['GB/T trace off']);
    expect(ctx.traceSubscribers).toBe(0);
    ctx.pushTrace(2, brm);
    expect(io.emitted).toHaveLength(1);
    expect((await run('gbt trace off')).lines).toEqual(['GB/T trace was not on']);
  });

  it('is stopped by whoever stops the background activity (Ctrl-C in the service)', async () => {
    const { ctx, io, run } = kit();
    await run('gbt trace on');
    io.background.get('gbt trace')!();
    expect(ctx.traceSubscribers).toBe(0);
  });
});
