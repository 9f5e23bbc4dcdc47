// `pile-agent run` and `pile-agent whitelist import` as real processes: a bad config exits 2 with
// every problem's path; a profile device that cannot be opened exits 1; a whitelist snapshot is
// imported offline (exit 0, counts printed) and a malformed page is rejected (exit 1, cache unchanged).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aCard, aDepartment, snapshotPage } from '../domain/authorization/whitelist.builders.js';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pilegate-run-'));
  dirs.push(d);
  return d;
}

describe('pile-agent run', () => {
  it('exits 2 and names every bad option', () => {
    const d = dir();
    writeFileSync(join(d, 'agent.yaml'), 'pileId: "bad id"\nstationId: -1\ndataDir: data\nsession: { keypadLockMs: 1 }\n');
    const r = cli('run', '--config', join(d, 'agent.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('config pileId:');
    expect(r.stderr).toContain('config stationId:');
    expect(r.stderr).toContain('config session.keypadLockMs:');
  });

  it('exits 1 when a device of the profile cannot be opened', () => {
    const d = dir();
    writeFileSync(join(d, 'agent.json'), JSON.stringify({ pileId: 'P1', stationId: 1, dataDir: 'data', profile: 'sim' }));
    const r = cli('run', '--config', join(d, 'agent.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pile-agent run: .*\/dev\/pilegate-sim\//);
  });
});

describe('pile-agent whitelist import', () => {
  it('applies a snapshot offline, then rejects a malformed page without changing the cache', () => {
    const d = dir();
    writeFileSync(join(d, 'agent.json'), JSON.stringify({ pileId: 'P1', stationId: 1, dataDir: 'data' }));
    writeFileSync(join(d, 'page.json'), JSON.stringify(snapshotPage(4, { departments: [aDepartment({ id: '11' })], cards: [aCard({ cardNo: '1234', departmentId: '11' })] })));
    const ok = cli('whitelist', 'import', join(d, 'page.json'), '--config', join(d, 'agent.json'));
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ applied: true, version: 4, counts: { departments: 1, cards: 1 } });
    writeFileSync(join(d, 'bad.json'), JSON.stringify({ kind: 'snapshot', toVersion: 5, changes: [{ entity: 'card', op: 'upsert', key: 'x' }] }));
    const bad = cli('whitelist', 'import', join(d, 'bad.json'), '--config', join(d, 'agent.json'));
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ applied: false, version: 4, counts: { cards: 1 } });
  });
});
