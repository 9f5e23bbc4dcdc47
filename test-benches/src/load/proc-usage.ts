// CPU time and resident memory of another process, read from Linux's /proc: `cpuSeconds` from
// /proc/PID/stat (utime + stime, in clock ticks of `getconf CLK_TCK`), `rssBytes` from VmRSS in
// /proc/PID/status. A sampler polls both so a run can report the process's CPU share and its peak.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Samples a process every `everyMs` until stopped: CPU share over the span and the peak RSS. */
export class UsageSampler {
  private readonly t0 = performance.now();
  private readonly cpu0: number;
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 250,
  ) {
    this.cpu0 = cpuSeconds(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, rssBytes(this.pid));
    } catch {
      /* the process has gone; keep the peak seen */
    }
  }

  /** CPU share of one core (100 = one core busy) and peak RSS since the start. */
  stop(): { cpuPercent: number; peakRssBytes: number; cpuSeconds: number } {
    clearInterval(this.timer);
    this.sample();
    const cpu = cpuSeconds(this.pid) - this.cpu0;
    return { cpuPercent: (cpu / ((performance.now() - this.t0) / 1000)) * 100, peakRssBytes: this.peak, cpuSeconds: cpu };
  }
}
