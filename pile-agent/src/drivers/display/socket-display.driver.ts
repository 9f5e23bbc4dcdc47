// The socket for external touchscreen drivers (protocol in socket-display.protocol.ts and the README):
// a display surface that sends each frame's dirty rectangle to every connected driver, and a touch
// input that takes their touches and named button presses (checked against the current hit regions).
// Listens on 127.0.0.1 only (TCP) or on a Unix socket path. A slow client skips frames and gets a
// full frame when it drains; a bad line gets an error message, never a crash.
import { createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { logicalSize, type DisplaySurface, type Frame, type PanelGeometry } from '../../ports/display.port.js';
import type { TouchEvent, TouchInput } from '../../ports/touch-input.port.js';
import type { Logger } from '../../shared/logger.js';
import { frameMessage, MAX_LINE_BYTES, parseClientLine, SCREEN_PROTOCOL, serverLine, wireRegions, type ClientMessage, type FrameEncoding, type ServerMessage } from './socket-display.protocol.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export type SocketListen = { readonly port: number } | { readonly path: string };

export interface SocketDisplayDeps {
  /** TCP port on 127.0.0.1 (0: any free port) or a Unix socket path (replaced if it exists). */
  readonly listen: SocketListen;
  readonly panel: PanelGeometry;
  readonly logger: Logger;
}

interface Client {
  readonly socket: Socket;
  encoding: FrameEncoding;
  buf: string;
  /** Frames were skipped while the socket was full: send a full frame on drain. */
  stale: boolean;
}

export class SocketDisplay implements DisplaySurface, TouchInput {
  readonly panel: PanelGeometry;
  private readonly clients = new Set<Client>();
  private readonly events: TypedEmitter<{ touch: [e: TouchEvent] }>;
  private last: Frame | null = null;
  private closed = false;

  private constructor(
    private readonly deps: SocketDisplayDeps,
    private readonly server: Server,
  ) {
    this.panel = deps.panel;
    this.events = new TypedEmitter(deps.logger);
    server.on('connection', (s) => this.accept(s));
  }

  static async listen(deps: SocketDisplayDeps): Promise<SocketDisplay> {
    const server = createServer();
    const d = new SocketDisplay(deps, server);
    if ('path' in deps.listen) rmSync(deps.listen.path, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if ('path' in deps.listen) server.listen(deps.listen.path, resolve);
      else server.listen(deps.listen.port, '127.0.0.1', resolve);
    });
    return d;
  }

  /** Where it listens: the TCP port on 127.0.0.1, or the socket path. */
  address(): { port: number } | { path: string } {
    const a = this.server.address();
    return typeof a === 'string' ? { path: a } : { port: a?.port ?? 0 };
  }

  clientCount(): number {
    return this.clients.size;
  }

  present(frame: Frame): void {
    if (this.closed || frame.dirty === null) return;
    const copy = this.last && this.last.rgba.length === frame.rgba.length ? this.last.rgba : new Uint8Array(frame.rgba.length);
    copy.set(frame.rgba);
    this.last = { ...frame, rgba: copy };
    const lines = new Map<FrameEncoding, string>();
    for (const c of this.clients) {
      if (c.stale || c.socket.writableNeedDrain) {
        c.stale = true;
        continue;
      }
      let line = lines.get(c.encoding);
      if (!line) {
        line = serverLine(frameMessage(this.last, frame.dirty, c.encoding));
        lines.set(c.encoding, line);
      }
      c.socket.write(line);
    }
  }

  onTouch(listener: (e: TouchEvent) => void): () => void {
    return this.events.on('touch', listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.events.clear();
    for (const c of this.clients) c.socket.destroy();
    this.clients.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.closed) return void socket.destroy();
    const c: Client = { socket, encoding: 'png', buf: '', stale: false };
    this.clients.add(c);
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    const f = this.last;
    this.send(c, {
      type: 'hello',
      protocol: SCREEN_PROTOCOL,
      ...logicalSize(this.panel),
      panel: this.panel,
      view: f?.view ?? null,
      seq: f?.seq ?? 0,
      regions: wireRegions(f?.regions ?? []),
      encoding: c.encoding,
    });
    this.sendFull(c);
    socket.on('data', (chunk: string) => this.onData(c, chunk));
    socket.on('drain', () => {
      if (c.stale) {
        c.stale = false;
        this.sendFull(c);
      }
    });
    socket.on('error', (e) => this.deps.logger.warn({ err: e.message }, 'touchscreen driver connection error'));
    socket.on('close', () => this.clients.delete(c));
  }

  private onData(c: Client, chunk: string): void {
    c.buf += chunk;
    let nl: number;
    while ((nl = c.buf.indexOf('\n')) >= 0) {
      const line = c.buf.slice(0, nl).trim();
      c.buf = c.buf.slice(nl + 1);
      if (line) this.onLine(c, line);
    }
    if (Buffer.byteLength(c.buf) > MAX_LINE_BYTES) {
      this.deps.logger.warn({ bytes: c.buf.length }, 'touchscreen driver sent an over-long line: connection closed');
      this.send(c, { type: 'error', id: null, code: 'bad-message', message: `line longer than ${MAX_LINE_BYTES} bytes` });
      c.socket.end();
      c.buf = '';
    }
  }

  private onLine(c: Client, line: string): void {
    const r = parseClientLine(line);
    if (!r.ok) {
      this.deps.logger.warn({ err: r.error.message }, 'bad message from a touchscreen driver: rejected');
      return this.send(c, { type: 'error', id: r.error.id, code: 'bad-message', message: r.error.message });
    }
    this.handle(c, r.value);
  }

  private handle(c: Client, m: ClientMessage): void {
    switch (m.type) {
      case 'subscribe':
        c.encoding = m.encoding;
        this.send(c, { type: 'ack', id: m.id });
        return this.sendFull(c);
      case 'snapshot':
        this.send(c, { type: 'ack', id: m.id });
        return this.sendFull(c);
      case 'press': {
        const regions = this.last?.regions ?? [];
        if (!regions.some((r) => r.name === m.name))
          return this.send(c, {
            type: 'error',
            id: m.id,
            code: 'unknown-button',
            message: `no button ${m.name} on the ${this.last?.view ?? 'blank'} screen; buttons: ${regions.map((r) => r.name).join(', ')}`,
          });
        this.send(c, { type: 'ack', id: m.id });
        return this.emit({ type: 'button', name: m.name });
      }
      case 'touch': {
        const f = this.last;
        if (!f || m.x < 0 || m.y < 0 || m.x >= f.width || m.y >= f.height)
          return this.send(c, { type: 'error', id: m.id, code: 'out-of-screen', message: `(${m.x}, ${m.y}) is outside the ${f?.width ?? 0}×${f?.height ?? 0} screen` });
        this.send(c, { type: 'ack', id: m.id });
        return this.emit({ type: 'touch', phase: m.phase, x: m.x, y: m.y });
      }
    }
  }

  private emit(e: TouchEvent): void {
    this.events.emit('touch', e);
  }

  private sendFull(c: Client): void {
    const f = this.last;
    if (f) this.send(c, frameMessage(f, { x: 0, y: 0, w: f.width, h: f.height }, c.encoding));
  }

  private send(c: Client, m: ServerMessage): void {
    if (!c.socket.destroyed) c.socket.write(serverLine(m));
  }
}
