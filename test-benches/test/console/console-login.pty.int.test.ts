// The console over a real pty pair: login with the PIN, wrong-PIN lockout and its expiry (the
// service's clock is a FakeClock, the bytes go through the kernel's pty), logout.
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleBench, PIN, type ConsoleBench } from './console-harness.js';

let bench: ConsoleBench | null = null;
afterEach(async () => {
  await bench?.close();
  bench = null;
});

describe('console login over a pty', () => {
  it('greets with the pile, asks for the PIN without echoing it, and opens the prompt', async () => {
    bench = await openConsoleBench();
    const greeting = await bench.client.waitFor(/PIN: $/);
    expect(greeting).toBe('pilegate pile-agent console - pile P-TEST-1, station S-TEST, profile sim\r\nPIN: ');
    const answer = await bench.client.login(PIN);
    expect(answer).toEqual({ ok: true, lines: ['logged in; type "help" for the commands'], prompt: 'P-TEST-1> ' });
    expect(bench.client.transcript).not.toContain(PIN);
    expect(bench.client.transcript).toContain('****\r\n');
  });

  it('locks after 5 wrong PINs, refuses the right PIN for 5 minutes, then lets the technician in', async () => {
    bench = await openConsoleBench();
    const { client, clock, logger } = bench;
    await client.waitForPrompt();
    for (let left = 4; left >= 1; left--) {
      expect((await client.login('0000')).lines).toEqual([`wrong PIN (${left} ${left === 1 ? 'try' : 'tries'} left before a lockout)`]);
    }
    expect(await client.login('0000')).toMatchObject({ lines: ['too many wrong PINs: console locked, try again in 5m'], prompt: 'PIN: ' });
    clock.advance(299_000);
    expect(await client.login(PIN)).toMatchObject({ lines: ['too many wrong PINs: console locked, try again in 1s'], prompt: 'PIN: ' });
    clock.advance(1_000);
    expect(await client.login(PIN)).toMatchObject({ lines: ['logged in; type "help" for the commands'], prompt: 'P-TEST-1> ' });
    const outcomes = logger.records.filter((r) => (r.obj as { event?: string }).event === 'console.login').map((r) => (r.obj as { outcome: string }).outcome);
    expect(outcomes).toEqual(['denied', 'denied', 'denied', 'denied', 'locked', 'locked', 'granted']);
  });

  it('runs no command before login, and asks for the PIN again after logout (a good login reset the count)', async () => {
    bench = await openConsoleBench();
    const { client, ctx } = bench;
    await client.waitForPrompt();
    expect((await client.send('meter read')).lines).toEqual(['wrong PIN (4 tries left before a lockout)']);
    expect(ctx.meterReads).toEqual([]);
    await client.login(PIN);
    expect(await client.send('logout')).toEqual({ ok: true, lines: ['logged out'], prompt: 'PIN: ' });
    expect((await client.send('status')).lines).toEqual(['wrong PIN (4 tries left before a lockout)']);
  });
});
