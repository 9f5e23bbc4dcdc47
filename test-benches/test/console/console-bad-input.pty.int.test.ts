// Bad bytes on the serial line: garbage and an over-long line are answered with a clear message,
// nothing runs, and the console keeps working. Line editing as a plain terminal sends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleBench, PIN, type ConsoleBench } from './console-harness.js';

let bench: ConsoleBench;
beforeAll(async () => {
  bench = await openConsoleBench({ maxLineBytes: 128 });
  await bench.client.waitForPrompt();
  await bench.client.login(PIN);
});
afterAll(async () => {
  await bench.close();
});

describe('console bad input over a pty', () => {
  it('rejects a line with garbage bytes, naming them', async () => {
    const { client, ctx } = bench;
    await client.sendRaw(new Uint8Array([0x6d, 0x65, 0x00, 0x01, 0xff, 0x74, 0x65, 0x72, 0x0d]));
    const raw = await client.waitFor(/P-TEST-1> $/);
    expect(raw).toContain('error: line ignored: 3 control or invalid byte(s) (0x00 0x01 0xFF)\r\n');
    expect(ctx.meterReads).toEqual([]);
    expect(bench.logger.records.some((r) => (r.obj as { reason?: string }).reason === 'invalid-bytes')).toBe(true);
  });

  it('rejects an over-long line (line noise without a line end) and keeps working', async () => {
    const { client } = bench;
    await client.sendRaw(`${'status '.repeat(200)}\r`);
    const raw = await client.waitFor(/P-TEST-1> $/);
    expect(raw).toContain('error: line too long (more than 128 bytes), ignored\r\n');
    expect(raw).not.toContain('pile P-TEST-1, station');
    expect((await client.send('whitelist')).ok).toBe(true);
  });

  it('accepts LF and CRLF line ends and backspace/DEL editing', async () => {
    const { client } = bench;
    await client.sendRaw('whitelisx\x7ft\n');
    expect(await client.waitFor(/P-TEST-1> $/)).toContain('version: 42\r\n');
    await client.sendRaw('log tail 2\x081\r\n');
    const raw = await client.waitFor(/P-TEST-1> $/);
    expect(raw).toContain('WARN meter slow\r\n');
    expect(raw).not.toContain('INFO agent started');
  });
});
