// Test and bench helper: a real pseudo-terminal pair made by socat, so drivers open genuine tty
// device paths. Used by tests and by the bench wiring; never by the agent at run time.
import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  readonly a: string;
  readonly b: string;
  close(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and resolves with both device paths. */
export function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    let proc: ChildProcess;
    try {
      proc = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      reject(e as Error);
      return;
    }
    const paths: string[] = [];
    let buf = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error('socat did not report two ptys (is socat installed?)'));
    }, timeoutMs);
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start socat: ${e.message}`));
    });
    proc.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const m of buf.matchAll(/PTY is (\S+)/g)) if (!paths.includes(m[1])) paths.push(m[1]);
      if (paths.length === 2 && /starting data transfer loop/.test(buf)) {
        clearTimeout(timer);
        proc.stderr!.removeAllListeners('data');
        proc.stderr!.resume();
        resolve({
          a: paths[0],
          b: paths[1],
          close: () =>
            new Promise<void>((res) => {
              if (proc.exitCode !== null || proc.signalCode) return res();
              proc.once('exit', () => res());
              proc.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
