// Runs every `sh` block of README.md's "CLI walkthrough: setting up the four modes", in order, with
// bash against a fresh real cloud (`npx cloud-stub` → this checkout's bin/cloud-stub.js, --url through
// PILEGATE_CLOUD_URL, the admin password through PILEGATE_CLOUD_PASSWORD), then checks through the
// API that the four modes are set up as the walkthrough says. The `bash` block (serve) is not run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, ROOT, startCliCloud, type CliCloud } from './cli-harness.js';

// each command is a child process (~0.8 s idle, several seconds on a loaded 2-core machine)
vi.setConfig({ testTimeout: 180_000, hookTimeout: 250_000 });

const SECTION = '## CLI walkthrough: setting up the four modes';

/** The `sh` code blocks of the walkthrough section, in order. */
export function walkthroughBlocks(readme: string): string[] {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README has no "${SECTION}"`);
  const next = readme.indexOf('\n## ', start + SECTION.length);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

function bash(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`walkthrough timed out:\n${out}`));
    }, 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

let t: CliCloud;
let run: { code: number | null; out: string };
const blocks = walkthroughBlocks(readFileSync(join(ROOT, 'cloud-stub/README.md'), 'utf8'));

beforeAll(async () => {
  t = await startCliCloud();
  const prelude = [
    'set -euo pipefail',
    `npx() { if [ "$1" = cloud-stub ]; then shift; echo "\\$ cloud-stub $*"; node ${JSON.stringify(join(ROOT, 'bin/cloud-stub.js'))} "$@"; else echo "npx $1: not part of the walkthrough" >&2; return 1; fi; }`,
  ].join('\n');
  run = await bash(
    `${prelude}\n${blocks.join('\n')}`,
    {
      PILEGATE_CLOUD_URL: t.url,
      PILEGATE_CLOUD_TOKEN_FILE: t.tokenFile,
      PILEGATE_CLOUD_PASSWORD: ADMIN_PASSWORD,
    },
    t.dir,
  );
}, 250_000);
afterAll(async () => t?.close());

describe('README CLI walkthrough', () => {
  it('has the blocks of every mode', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
  });

  it('runs every command without an error', () => {
    expect(run.out).not.toMatch(/^error:/m);
    expect(run.code, run.out).toBe(0);
  });

  it('prints the ids the walkthrough relies on', () => {
    for (const line of [
      'station 1 北站 created',
      'member 1 站点通卡A created',
      'department 1 公交一公司 created',
      'department 2 部门1 created',
      'department 3 一车队 created',
      'department 4 公交二公司 created',
      '一车队-车辆.csv: 3 vehicle(s) imported, 0 updated',
    ])
      expect(run.out).toContain(line);
  });

  it('leaves the four modes set up as described', async () => {
    const api = async (path: string) => {
      const saved = JSON.parse(readFileSync(t.tokenFile, 'utf8')).logins[t.url].token as string;
      const r = await fetch(`${t.url}/api/v1${path}`, { headers: { authorization: `Bearer ${saved}` } });
      expect(r.status).toBe(200);
      return r.json() as Promise<any>;
    };
    const station = await api('/stations/1');
    expect(station).toMatchObject({ adminMemberId: 1, fixedPasswordSet: true, pileIds: ['PILE-N01'], tariff: { fenPerKwh: 120 } });
    expect(await api('/members/1')).toMatchObject({ kind: 'virtual', balanceFen: 99_999_900, cards: ['88000001'] });
    const depts = await api('/departments');
    const byId = Object.fromEntries(depts.map((d: { id: number }) => [d.id, d]));
    expect(byId[2]).toMatchObject({ name: '部门1', balanceFen: 99_999_900, stationIds: [1], vinOnly: false });
    expect(byId[3]).toMatchObject({ name: '一车队', parentId: 1, vinOnly: true, stationIds: [1], balanceFen: 99_999_900 });
    expect(byId[4]).toMatchObject({ name: '公交二公司', stopPasswordSet: true, stationIds: [1] });
    const members = await api('/members');
    expect(members.filter((m: { departmentId: number | null }) => m.departmentId === 2).map((m: { cards: string[] }) => m.cards)).toEqual([['88000101'], ['88000102']]);
    expect(members.find((m: { name: string }) => m.name === '公交车队1')).toMatchObject({ departmentId: 3, cards: ['88000201'] });
    expect((await api('/vehicles?departmentId=3')).length).toBe(4);
    expect((await api('/vehicles?departmentId=4')).length).toBe(2);
    expect((await api('/accounts')).map((a: { username: string }) => a.username)).toContain('gongsi1');
    for (const f of ['车辆模板.xlsx', '一卡一车-部门1-2024-05.csv', '公交一公司-2024-05.xlsx']) expect(existsSync(join(t.dir, f)), f).toBe(true);
  });
});
