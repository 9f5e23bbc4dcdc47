// A simulated external touchscreen driver: connects to the pile's screen socket (pilegate-screen/1,
// pile-agent README "Touchscreen-driver protocol"), keeps a copy of the screen from the frames it
// receives, and presses buttons by name — as a named press, or as a finger tap at the centre of the
// button's hit region (behaviour `activation`). Each instance owns its connection; no shared state.
import { createConnection, type Socket } from 'node:net';
import { decodePng, encodePng, type FrameEncoding } from '../../../../pile-agent/drivers.js';
import type { PanelGeometry, Rect } from '../../../../pile-agent/ports.js';

export interface SimRegion extends Rect {
  readonly name: string;
}

export interface TouchscreenSimBehavior {
  /** `press`: send the button's name; `tap`: touch down and up at the region's centre (plus `tapOffsetPx`). */
  readonly activation: 'press' | 'tap';
  /** Where the finger lands relative to the centre (a sloppy finger). */
  readonly tapOffsetPx?: { readonly dx: number; readonly dy: number };
  /** How the sim asks for frames. */
  readonly encoding: FrameEncoding;
}

export const DEFAULT_TOUCHSCREEN_BEHAVIOR: TouchscreenSimBehavior = { activation: 'press', encoding: 'png' };

export class TouchscreenSimError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TouchscreenSimError';
  }
}

interface Pending {
  resolve(): void;
  reject(e: Error): void;
}

export class TouchscreenDriverSim {
  private buf = '';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private waiters: Array<() => void> = [];
  private screen: Uint8Array | null = null;
  private width = 0;
  private height = 0;
  private currentView: string | null = null;
  private currentRegions: readonly SimRegion[] = [];
  private seq = 0;
  /** Every frame message received (without pixel data), oldest first. */
  readonly frames: Array<{ seq: number; view: string; full: boolean; rect: Rect; bytes: number }> = [];
  panel: PanelGeometry | null = null;

  private constructor(
    private readonly socket: Socket,
    readonly behavior: TouchscreenSimBehavior,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => this.onData(d));
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new TouchscreenSimError('closed', 'connection closed'));
      this.pending.clear();
      this.wake();
    });
  }

  /** Connects (TCP port on 127.0.0.1 or a Unix socket path) and waits for the hello. */
  static async connect(to: { port: number; host?: string } | { path: string }, behavior: Partial<TouchscreenSimBehavior> = {}, timeoutMs = 5000): Promise<TouchscreenDriverSim> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = 'path' in to ? createConnection(to.path) : createConnection(to.port, to.host ?? '127.0.0.1');
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    });
    const sim = new TouchscreenDriverSim(socket, { ...DEFAULT_TOUCHSCREEN_BEHAVIOR, ...behavior });
    await sim.until(() => sim.panel !== null, timeoutMs, 'no hello from the pile');
    if (sim.behavior.encoding !== 'png') await sim.request({ type: 'subscribe', encoding: sim.behavior.encoding });
    return sim;
  }

  view(): string | null {
    return this.currentView;
  }

  regions(): readonly SimRegion[] {
    return this.currentRegions;
  }

  lastSeq(): number {
    return this.seq;
  }

  /** RGB of a screen pixel from the frames received so far (PNG or RGB565 frames), or null. */
  pixel(x: number, y: number): [number, number, number] | null {
    if (!this.screen || x < 0 || y < 0 || x >= this.width || y >= this.height) return null;
    const i = (y * this.width + x) * 4;
    return [this.screen[i], this.screen[i + 1], this.screen[i + 2]];
  }

  /** The screen as received so far, as PNG; null before the first frame with pixels. */
  snapshotPng(): Buffer | null {
    return this.screen ? encodePng(this.screen, this.width, this.height) : null;
  }

  async waitForView(name: string, timeoutMs = 5000): Promise<void> {
    await this.until(() => this.currentView === name, timeoutMs, `view ${name} did not appear (showing ${this.currentView})`);
  }

  async waitForButton(name: string, timeoutMs = 5000): Promise<void> {
    await this.until(() => this.currentRegions.some((r) => r.name === name), timeoutMs, `button ${name} did not appear on ${this.currentView}`);
  }

  /** Presses a button by name the way the behaviour says; rejects with the pile's error code (e.g. unknown-button). */
  async press(name: string): Promise<void> {
    if (this.behavior.activation === 'press') return this.request({ type: 'press', name });
    const r = this.currentRegions.find((x) => x.name === name);
    if (!r) throw new TouchscreenSimError('unknown-button', `no button ${name} on ${this.currentView}`);
    const x = Math.round(r.x + r.w / 2 + (this.behavior.tapOffsetPx?.dx ?? 0));
    const y = Math.round(r.y + r.h / 2 + (this.behavior.tapOffsetPx?.dy ?? 0));
    await this.touch('down', x, y);
    await this.touch('up', x, y);
  }

  touch(phase: 'down' | 'move' | 'up', x: number, y: number): Promise<void> {
    return this.request({ type: 'touch', phase, x, y });
  }

  /** Asks for a full frame (e.g. after a gap). */
  snapshot(): Promise<void> {
    return this.request({ type: 'snapshot' });
  }

  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }

  private request(m: Record<string, unknown>, timeoutMs = 5000): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TouchscreenSimError('timeout', `no answer to ${m.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.socket.write(`${JSON.stringify({ ...m, id })}\n`);
    });
  }

  private until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new TouchscreenSimError('timeout', what));
      }, timeoutMs);
      const check = () => {
        if (cond() || this.socket.destroyed) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          if (cond()) resolve();
          else reject(new TouchscreenSimError('closed', `${what}: connection closed`));
        }
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private onData(d: string): void {
    this.buf += d;
    let i: number;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 1);
      this.onMessage(JSON.parse(line) as Record<string, any>);
    }
    this.wake();
  }

  private onMessage(m: Record<string, any>): void {
    if (m.type === 'hello') {
      this.panel = m.panel;
      this.width = m.width;
      this.height = m.height;
      this.currentView = m.view;
      this.currentRegions = m.regions;
      this.seq = m.seq;
    } else if (m.type === 'frame') {
      this.currentView = m.view;
      this.currentRegions = m.regions;
      this.seq = m.seq;
      this.frames.push({ seq: m.seq, view: m.view, full: m.full, rect: m.rect, bytes: m.data ? Buffer.byteLength(m.data, 'base64') : 0 });
      if (m.data) this.paint(m.rect, m.encoding, Buffer.from(m.data, 'base64'));
    } else if (m.type === 'ack' || m.type === 'error') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'ack') p.resolve();
      else p.reject(new TouchscreenSimError(m.code, m.message));
    }
  }

  private paint(rect: Rect, encoding: FrameEncoding, data: Buffer): void {
    if (!this.screen) this.screen = new Uint8Array(this.width * this.height * 4);
    let rgba: Uint8Array;
    if (encoding === 'png') {
      const d = decodePng(data);
      if (!d.ok) return;
      rgba = d.value.rgba;
    } else {
      rgba = new Uint8Array(rect.w * rect.h * 4);
      for (let p = 0; p < rect.w * rect.h; p++) {
        const v = data[p * 2] | (data[p * 2 + 1] << 8);
        rgba.set([((v >> 11) & 0x1f) << 3, ((v >> 5) & 0x3f) << 2, (v & 0x1f) << 3, 255], p * 4);
      }
    }
    for (let y = 0; y < rect.h; y++) this.screen.set(rgba.subarray(y * rect.w * 4, (y + 1) * rect.w * 4), ((rect.y + y) * this.width + rect.x) * 4);
  }
}
