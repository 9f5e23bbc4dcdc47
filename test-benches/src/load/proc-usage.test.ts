// /proc readings of a real child process: CPU time grows while it spins, RSS is that of a live
// process, and the sampler's share is of one core.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { cpuSeconds, rssBytes, UsageSampler } from './proc-usage.js';

it('reads the CPU time and resident memory of a busy child process', async () => {
  const child = spawn(process.execPath, ['-e', 'const a = Buffer.alloc(64 << 20, 1); const end = Date.now() + 1500; while (Date.now() < end); console.log(a[5])'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const sampler = new UsageSampler(child.pid!, 50);
    const before = cpuSeconds(child.pid!);
    await new Promise((r) => setTimeout(r, 800));
    expect(cpuSeconds(child.pid!)).toBeGreaterThan(before);
    expect(rssBytes(child.pid!)).toBeGreaterThan(32 << 20);
    const u = sampler.stop();
    expect(u.cpuSeconds).toBeGreaterThan(0);
    expect(u.cpuPercent).toBeGreaterThan(0);
    expect(u.cpuPercent).toBeLessThan(250);
    expect(u.peakRssBytes).toBeGreaterThan(32 << 20);
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
});
