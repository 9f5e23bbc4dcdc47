// A CanChannel that replays a `candump -L` file (reference §6.2, §7.5; line parser in
// protocols/candump/candump-line.ts): after open() the recorded frames arrive through onFrame, either
// paced by their recorded timestamps on the injected clock or as fast as possible in batches.
// Frames sent to it go to `onSent` (e.g. a capture) and are otherwise dropped; bad lines → onError.
import { readFile } from 'node:fs/promises';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { parseCandumpLine } from '../../protocols/candump/candump-line.js';
import type { CanChannel, CanChannelError, CanFrame } from '../../ports/can-channel.port.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export type CandumpPacing = 'recorded' | 'asap';

export interface CandumpReplayDeps {
  /** The capture: a file path (read at open()) or its text. */
  readonly source: { readonly path: string } | { readonly text: string };
  readonly clock: Clock;
  readonly logger: Logger;
  /** `recorded`: the gaps between timestamps are kept (scaled by speed); `asap`: no gaps. */
  readonly pacing: CandumpPacing;
  /** Replays only lines of this interface (a capture may mix can0 and can1). Default: all. */
  readonly iface?: string;
  /** Recorded pacing only: 2 = twice as fast. Default 1. */
  readonly speed?: number;
  /** asap pacing: frames delivered per timer tick (the event loop breathes between ticks). Default 256. */
  readonly batchSize?: number;
  /** Receives every frame the agent sends on this channel. Default: dropped. */
  readonly onSent?: (frame: CanFrame) => void;
}

export interface CandumpReplaySummary {
  readonly frames: number;
  readonly badLines: number;
  /** True when close() stopped the replay before its end. */
  readonly stopped: boolean;
}

type Entry = { readonly frame: CanFrame; readonly tS: number } | { readonly bad: string };

export class CandumpReplayChannel implements CanChannel {
  private readonly events: TypedEmitter<{ frame: [frame: CanFrame, atMs: number]; error: [error: CanChannelError] }>;
  /** Resolves when the last line was replayed or the channel closed. */
  readonly done: Promise<CandumpReplaySummary>;
  private resolveDone!: (s: CandumpReplaySummary) => void;
  private entries: Entry[] = [];
  private next = 0;
  private frames = 0;
  private badLines = 0;
  private state: 'closed' | 'open' | 'finished' = 'closed';
  private timer: TimerHandle | null = null;
  private startMs = 0;
  private firstS = 0;
  private readonly log: Logger;

  constructor(private readonly deps: CandumpReplayDeps) {
    this.log = deps.logger.child({ ns: 'agent:drivers:candump-file' });
    this.events = new TypedEmitter(this.log);
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  async open(): Promise<void> {
    if (this.state !== 'closed') return;
    const src = this.deps.source;
    let text: string;
    try {
      text = 'text' in src ? src.text : await readFile(src.path, 'utf8');
    } catch (e) {
      throw new AgentError(AgentErrorCode.DriverIo, `cannot read candump file: ${(e as Error).message}`, { cause: e });
    }
    this.entries = this.parse(text);
    const first = this.entries.find((e): e is Extract<Entry, { frame: CanFrame }> => 'frame' in e);
    this.firstS = first?.tS ?? 0;
    this.startMs = this.deps.clock.monotonic();
    this.state = 'open';
    this.log.info({ lines: this.entries.length, pacing: this.deps.pacing }, 'candump replay open');
    this.schedule();
  }

  async send(frame: CanFrame): Promise<void> {
    if (this.state === 'closed') throw new AgentError(AgentErrorCode.DriverNotOpen, 'candump replay channel is not open');
    this.deps.onSent?.(frame);
  }

  onFrame(listener: (frame: CanFrame, atMs: number) => void): () => void {
    return this.events.on('frame', listener);
  }

  onError(listener: (error: CanChannelError) => void): () => void {
    return this.events.on('error', listener);
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const stopped = this.state === 'open';
    this.state = 'closed';
    this.timer?.cancel();
    this.timer = null;
    this.resolveDone({ frames: this.frames, badLines: this.badLines, stopped });
  }

  private parse(text: string): Entry[] {
    const out: Entry[] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '' || line.startsWith('#')) continue;
      const r = parseCandumpLine(line);
      if (!r.ok) {
        out.push({ bad: `line ${i + 1}: ${r.error.code}: ${r.error.message}` });
        continue;
      }
      const rec = r.value;
      if (this.deps.iface !== undefined && rec.iface !== this.deps.iface) continue;
      const frame: CanFrame = rec.rtr ? { id: rec.id, extended: rec.extended, data: rec.data, rtr: true } : { id: rec.id, extended: rec.extended, data: rec.data };
      out.push({ frame, tS: rec.t });
    }
    return out;
  }

  /** Due time (monotonic ms) of an entry under recorded pacing. */
  private dueMs(e: Entry): number {
    if (!('frame' in e)) return this.startMs; // a bad line is reported as soon as it is reached
    return this.startMs + ((e.tS - this.firstS) * 1000) / (this.deps.speed ?? 1);
  }

  private schedule(): void {
    if (this.state !== 'open') return;
    if (this.next >= this.entries.length) {
      this.state = 'finished';
      this.resolveDone({ frames: this.frames, badLines: this.badLines, stopped: false });
      return;
    }
    const delay = this.deps.pacing === 'asap' ? 0 : Math.max(0, this.dueMs(this.entries[this.next]) - this.deps.clock.monotonic());
    this.timer = this.deps.clock.setTimer(delay, () => this.tickOnce());
  }

  private tickOnce(): void {
    this.timer = null;
    const batch = this.deps.pacing === 'asap' ? (this.deps.batchSize ?? 256) : Infinity;
    const now = this.deps.clock.monotonic();
    let n = 0;
    while (this.state === 'open' && this.next < this.entries.length && n < batch) {
      const e = this.entries[this.next];
      if (this.deps.pacing === 'recorded' && this.dueMs(e) > now) break;
      this.next++;
      n++;
      this.emit(e, now);
    }
    this.schedule();
  }

  private emit(e: Entry, atMs: number): void {
    if ('bad' in e) {
      this.badLines++;
      this.log.warn(e.bad);
      this.events.emit('error', { code: 'bad-line', message: e.bad });
      return;
    }
    this.frames++;
    this.events.emit('frame', e.frame, atMs);
  }
}
