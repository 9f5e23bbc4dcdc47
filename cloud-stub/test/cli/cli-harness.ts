// Test harness for the CLI: a real cloud (startCloud on free ports, database in a temp folder) and
// the real `cloud-stub` command run as a child process (`node bin/cloud-stub.js --url …`) with its
// own token file. Every run has a bounded timeout.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCloud, type RunningCloud } from '../../index.js';
import type { CloudClock } from '../../src/shared/clock.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_PASSWORD = 'cli-admin-pass-1';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  /** Leave out the --url option (to test PILEGATE_CLOUD_URL). */
  noUrl?: boolean;
  timeoutMs?: number;
}

export interface CliCloud {
  cloud: RunningCloud;
  url: string;
  dir: string;
  tokenFile: string;
  run(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Runs and fails the test unless the exit code is 0; returns stdout. */
  ok(args: string[], opts?: RunOptions): Promise<string>;
  /** Runs with --json and parses stdout. */
  json<T = any>(args: string[], opts?: RunOptions): Promise<T>;
  loginAdmin(): Promise<void>;
  close(): Promise<void>;
}

export function runCli(args: string[], env: Record<string, string | undefined>, opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, PILEGATE_CLOUD_URL: undefined, PILEGATE_CLOUD_PASSWORD: undefined, PILEGATE_NEW_PASSWORD: undefined, ...env, ...opts.env }))
      if (v !== undefined) childEnv[k] = v;
    const child = spawn(process.execPath, [join(ROOT, 'bin/cloud-stub.js'), ...args], { cwd: ROOT, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cloud-stub ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** `clock`: the cloud's clock (tests that ingest sessions of a fixed day pin it near that day). */
export async function startCliCloud(opts: { clock?: CloudClock } = {}): Promise<CliCloud> {
  const dir = mkdtempSync(join(tmpdir(), 'cloud-cli-'));
  const cloud = await startCloud({ dataDir: join(dir, 'data'), httpPort: 0, mqttPort: 0, adminPassword: ADMIN_PASSWORD, ...(opts.clock ? { clock: opts.clock } : {}) });
  const tokenFile = join(dir, 'config', 'cloud-token.json');
  const run = (args: string[], opts: RunOptions = {}) => runCli(opts.noUrl ? args : ['--url', cloud.httpUrl, ...args], { PILEGATE_CLOUD_TOKEN_FILE: tokenFile }, opts);
  const ok = async (args: string[], opts?: RunOptions) => {
    const r = await run(args, opts);
    if (r.code !== 0) throw new Error(`cloud-stub ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  };
  return {
    cloud,
    url: cloud.httpUrl,
    dir,
    tokenFile,
    run,
    ok,
    json: async (args, opts) => JSON.parse(await ok(['--json', ...args], opts)),
    loginAdmin: async () => void (await ok(['login', '--password-stdin'], { stdin: `${ADMIN_PASSWORD}\n` })),
    close: async () => {
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
