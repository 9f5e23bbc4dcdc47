// A real PostgreSQL for the tests and benches: the server from Debian's package (the newest
// /usr/lib/postgresql/N/bin), a fresh cluster in a temporary folder (initdb, trust auth on loopback
// only, superuser `pilegate`), started on a free port with its socket in that folder and stopped
// afterwards (fast shutdown), the folder removed. PostgreSQL refuses to run as root: when the tests
// are root (as in CI) the folder is handed to the `postgres` system user and the server runs as it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const USER = 'pilegate';
const START_MS = 30_000;

/** The newest PostgreSQL server binaries installed from Debian's packages. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql; scripts/setup does it)');
  return join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** uid and gid of a system user, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no system user ${name} to run PostgreSQL as (the postgresql package creates it)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

export class PostgresServer {
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly as: { uid: number; gid: number } | null,
    private proc: ChildProcess | null,
  ) {}

  static async start(): Promise<PostgresServer> {
    const bin = postgresBinDir();
    const dir = mkdtempSync(join(tmpdir(), 'pilegate-pg-'));
    const as = process.getuid?.() === 0 ? systemUser('postgres') : null;
    if (as) chownSync(dir, as.uid, as.gid);
    const data = join(dir, 'data');
    try {
      execFileSync(join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], { stdio: 'pipe', ...(as ?? {}) });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`);
    }
    const server = new PostgresServer(dir, await freePort(), bin, as, null);
    await server.spawn();
    return server;
  }

  /** A connection URL for database `db` (default `postgres`). */
  url(db = 'postgres'): string {
    return `postgres://${USER}@127.0.0.1:${this.port}/${db}`;
  }

  /** Creates an empty database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const c = new pg.Client({ connectionString: this.url() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
    } finally {
      await c.end();
    }
    return this.url(name);
  }

  /** Stops the server (its data stays; `restart()` brings it back on the same port). */
  async stopServer(): Promise<void> {
    if (!this.proc) return;
    this.proc.kill('SIGINT'); // fast shutdown: sessions are ended, the data is consistent
    await this.exited;
    this.proc = null;
  }

  async restart(): Promise<void> {
    await this.stopServer();
    await this.spawn();
  }

  /** Stops the server and removes its folder. */
  async close(): Promise<void> {
    await this.stopServer();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async spawn(): Promise<void> {
    const args = ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'];
    const proc = spawn(join(this.bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...(this.as ?? {}) });
    let log = '';
    proc.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    this.proc = proc;
    let gone = false;
    this.exited = new Promise((resolve) =>
      proc.once('exit', () => {
        gone = true;
        resolve();
      }),
    );
    const deadline = Date.now() + START_MS;
    for (;;) {
      if (gone) throw new Error(`postgres exited while starting:\n${log}`);
      const c = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 2_000 });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await c.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${START_MS / 1000} s:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
