// Every console command over a real pty pair (fake context behind the service), text and json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVin } from '../../../pile-agent/testing.js';
import { openConsoleBench, PIN, type ConsoleBench } from './console-harness.js';

let bench: ConsoleBench;
beforeAll(async () => {
  bench = await openConsoleBench();
  await bench.client.waitForPrompt();
  await bench.client.login(PIN);
});
afterAll(async () => {
  await bench.close();
});

describe('console commands over a pty', () => {
  it('help lists every command', async () => {
    const answer = await bench.client.send('help');
    expect(answer.ok).toBe(true);
    for (const usage of [
      'status',
      'sessions [count]',
      'whitelist find <query>',
      'gbt trace <on|off>',
      'meter read [connector]',
      'card last',
      'selftest',
      'config show',
      'log tail [lines]',
      'logout',
    ]) {
      expect(answer.lines.some((l) => l.startsWith(usage))).toBe(true);
    }
  });

  it('status shows connectors, GB/T phase, VIN and vinStatus, meter, cloud link, faults', async () => {
    const answer = await bench.client.send('status');
    expect(answer.lines).toContain(`connector 1: session charging (s-0001); GB/T charging S7; VIN ${aVin(1)} (valid); meter energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A`);
    expect(answer.lines).toContain('cloud link: offline (broker unreachable)');
    expect(answer.lines).toContain('faults: none');
    const call = await bench.client.call('status');
    expect(call).toMatchObject({ ok: true, value: { pile: { pileId: 'P-TEST-1' }, connectors: [{ id: 1, vin: aVin(1) }, { id: 2 }] } });
  });

  it('sessions shows open and recent sessions', async () => {
    const answer = await bench.client.send('sessions 5');
    expect(answer.lines[0]).toBe('open: 1');
    expect(answer.lines.find((l) => l.includes('s-0000'))).toContain('80.250 kWh');
  });

  it('whitelist and whitelist find (VIN, Chinese plate, card) with UTF-8 through the pty', async () => {
    expect((await bench.client.send('whitelist')).lines).toEqual(['version: 42', 'departments: 2, vehicles: 2, cards: 2, fixed passwords: 0']);
    expect((await bench.client.send('whitelist find 沪A32567')).lines.at(-1)).toBe(`  ${aVin(1)}  沪A32567  公交一公司 [D1] (bound here, can pay, offline ok)`);
    expect((await bench.client.call(`whitelist find ${aVin(2)}`)).value).toMatchObject({ vehicles: [{ plate: '沪B-10086' }] });
    expect((await bench.client.send('whitelist find 04A1B2C3')).lines[0]).toMatch(/^card 04A1B2C3: 沪A32567/);
  });

  it('meter read, card last, selftest, config show, log tail', async () => {
    expect((await bench.client.send('meter read 2')).lines).toEqual(['connector 2: energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A']);
    expect((await bench.client.send('card last')).lines).toEqual(['no card presented since the agent started']);
    const selftest = await bench.client.send('selftest');
    expect(selftest.lines.at(-1)).toBe('selftest: 6 PASS, 0 FAIL, 0 SKIP');
    const config = await bench.client.send('config show');
    expect(config.lines).toContain('console.technicianPinHash = <redacted>');
    expect(bench.client.transcript).not.toContain('hunter2');
    expect((await bench.client.send('log tail 1')).lines).toEqual(['2026-01-01T00:00:01Z WARN meter slow']);
  });

  it('answers unknown commands and bad arguments with errors', async () => {
    expect(await bench.client.send('reboot')).toMatchObject({ ok: false, lines: ['error: unknown command "reboot" (try "help")'] });
    expect((await bench.client.call('meter read 9')).error).toBe('no connector 9 (this pile has 1, 2)');
  });

  it('gbt trace on prints decoded frames live until Ctrl-C', async () => {
    const { client, ctx } = bench;
    expect((await client.send('gbt trace on')).lines).toEqual(['GB/T trace on (Ctrl-C or "gbt trace off" stops it)']);
    ctx.pushTrace(1, { direction: 'tx', atMs: 5000, frame: { id: 0x1826f456, extended: true, data: new Uint8Array([1, 1, 0]) }, message: { name: 'CHM', version: { major: 1, minor: 1 } } as never });
    expect(await client.waitForLine(/^c1 /)).toBe('c1 5.000 tx 1826F456 CHM {"version": {"major": 1, "minor": 1}}');
    await client.sendRaw(new Uint8Array([0x03]));
    await client.waitFor(/stopped: gbt trace\r\nP-TEST-1> $/);
    expect(ctx.traceSubscribers).toBe(0);
  });
});
