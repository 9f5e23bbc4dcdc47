// The real `pile-agent gbt decode` command on a fixture capture (reference §7.5 vector A + a bad
// frame + an unknown PGN), from a file and from standard input, and its exit codes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = join(root, 'pile-agent/src/protocols/gbt27930/fixtures/session-a.candump');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'gbt', 'decode', ...args], { cwd: root, input, encoding: 'utf8', timeout: 20_000 });

describe('pile-agent gbt decode (real process)', () => {
  it('decodes the capture file: 20 messages, then the bad DT as an error, then UNKNOWN; exit 0', () => {
    const r = run([fixture]);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(22);
    expect(out[3]).toMatchObject({ t: 1700000000.11, iface: 'can0', msg: 'BRM', from: 'BMS', fields: { vin: 'LZYTBTE65K1012345', vinStatus: 'valid', edition: '2015' } });
    expect(out[20]).toEqual({ error: expect.stringMatching(/^tp-dt\.length/), line: 39 });
    expect(out[21]).toMatchObject({ msg: 'UNKNOWN', fields: { id: '18FF56F4' } });
    expect(r.stdout.split('\n')[0]).toBe('{"t": 1700000000.0, "iface": "can0", "msg": "CHM", "from": "charger", "fields": {"version": {"minor": 1, "major": 1}}}');
  });

  it('reads standard input with - and shows transport frames with --tp', () => {
    const r = run(['-', '--tp'], readFileSync(fixture, 'utf8'));
    expect(r.status).toBe(0);
    const msgs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).msg);
    expect(msgs.filter((m) => m === 'TP.DT')).toHaveLength(11);
    expect(msgs.filter((m) => m === 'TP.CM')).toHaveLength(9);
  });

  it('a missing file is a message on stderr and exit 1', () => {
    const r = run([join(root, 'no-such-capture.log')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*no-such-capture\.log/);
    expect(r.stdout).toBe('');
  });
});
