// A real mosquitto for the end-to-end tests and benches, configured the way an operator does it: the
// files written by `cloud-stub broker mosquitto-config` from the cloud's database (passwords, ACL, the
// cloud's own password), optionally a TLS listener with a certificate signed by a throw-away CA made with
// openssl, started on free ports in a temporary folder; `regenerate()` rewrites the files and reloads them
// with SIGHUP (after registering or rotating piles), `stop()` ends it and `restart()` brings it back.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { freePort } from './outage-depot.js';
import { REPO_ROOT } from '../wiring/repo-root.js';

const ROOT = REPO_ROOT;

/** A CA and a server certificate for 127.0.0.1 in `dir` (ca.pem, server.pem, server.key). */
export function makeTestCa(dir: string): { ca: string; cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const ssl = (...a: string[]) => execFileSync('openssl', a, { cwd: dir, stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=pilegate test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

export class MosquittoRunner {
  private proc: ChildProcess | null = null;

  private constructor(
    private readonly dataDir: string,
    private readonly outDir: string,
    readonly port: number,
    readonly tlsPort: number | null,
    private readonly tls: { cert: string; key: string } | null,
  ) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  get tlsUrl(): string | null {
    return this.tlsPort === null ? null : `mqtts://127.0.0.1:${this.tlsPort}`;
  }

  get cloudPasswordFile(): string {
    return join(this.outDir, 'cloud-password');
  }

  /** Writes the files from the cloud database in `dataDir` and starts mosquitto on them. */
  static async start(o: { dataDir: string; outDir: string; tls?: { cert: string; key: string } }): Promise<MosquittoRunner> {
    const m = new MosquittoRunner(o.dataDir, o.outDir, await freePort(), o.tls ? await freePort() : null, o.tls ?? null);
    m.writeFiles();
    await m.spawn();
    return m;
  }

  private async spawn(): Promise<void> {
    this.proc = spawn('mosquitto', ['-c', join(this.outDir, 'mosquitto.conf')], { stdio: 'ignore' });
    await this.ready();
  }

  /** The broker comes back on the same ports and files (after `stop()`, as after a crash or maintenance). */
  async restart(): Promise<void> {
    await this.stop();
    await this.spawn();
  }

  private writeFiles(): void {
    const args = ['bin/cloud-stub.js', 'broker', 'mosquitto-config', '--data', this.dataDir, '--out', this.outDir, '--port', String(this.port), '--host', '127.0.0.1'];
    if (process.getuid?.() === 0) args.push('--user', 'root');
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`mosquitto-config failed: ${r.stderr}`);
    if (this.tls && this.tlsPort !== null) appendFileSync(join(this.outDir, 'mosquitto.conf'), `\nlistener ${this.tlsPort} 127.0.0.1\ncertfile ${this.tls.cert}\nkeyfile ${this.tls.key}\n`);
  }

  private async ready(): Promise<void> {
    const password = readFileSync(this.cloudPasswordFile, 'utf8').trim();
    const end = Date.now() + 15_000;
    for (;;) {
      try {
        const c = await mqtt.connectAsync(this.url, { protocolVersion: 4, clientId: `probe-${process.pid}`, username: 'cloud@main', password, reconnectPeriod: 0, connectTimeout: 1_000 });
        await c.endAsync();
        return;
      } catch (e) {
        if (Date.now() > end) throw new Error(`mosquitto did not come up: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Rewrites passwd/acl from the database (after piles were added, rotated or deleted) and reloads them. */
  regenerate(): void {
    this.writeFiles();
    this.proc?.kill('SIGHUP');
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }
}
