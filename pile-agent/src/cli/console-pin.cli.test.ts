// `pile-agent console pin-hash` as a real process: the PIN on stdin, the hash on stdout verifies.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySecret } from '../shared/secret-hash.js';

const root = join(import.meta.dirname, '../../..');
const run = (input: string) => spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'console', 'pin-hash'], { cwd: root, input, encoding: 'utf8', timeout: 20_000 });

describe('pile-agent console pin-hash', () => {
  it('prints a scrypt hash of the PIN read from stdin', async () => {
    const r = run('2468\n');
    expect(r.status).toBe(0);
    const hash = r.stdout.trim();
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifySecret('2468', hash)).toBe(true);
    expect(await verifySecret('2469', hash)).toBe(false);
  });

  it('refuses a PIN that is not 4-12 digits with exit code 2', () => {
    const r = run('12a4\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the PIN must be 4 to 12 digits');
    expect(r.stdout).toBe('');
  });
});
