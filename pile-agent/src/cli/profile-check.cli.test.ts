// `pile-agent profile check` as a technician runs it (a real process): every error with its path,
// exit 1 on errors, exit 0 with a one-line summary on valid files.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'profile', 'check', ...args], { cwd: root, encoding: 'utf8', timeout: 20_000 });

describe('pile-agent profile check', () => {
  it('exits 0 with one summary line per valid file', () => {
    const r = run('sim', 'hw-profiles/meters/acrel-djsf1352-rn-float.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^ok .*sim\.yaml: profile sim: 2 connector\(s\), 1 RS-485 bus\(es\)/),
      expect.stringMatching(/^ok .*: meter map acrel-djsf1352-rn-float/),
    ]);
  });

  it('exits 1 and prints every error with its path and line', () => {
    const r = run('hw-profiles/test/fixtures/broken-profile.yaml');
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines).toContain('hw-profiles/test/fixtures/broken-profile.yaml:14: connectors[1].meter.bus: unknown bus "rs485-2"');
  });
});
