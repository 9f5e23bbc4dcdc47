// The touchscreen-driver socket with a plain line client: hello, frames (PNG, RGB565, notice),
// named presses checked against the hit regions, touches, bad lines, a Unix socket path.
import { createConnection, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../ports/display.port.js';
import type { TouchEvent } from '../../ports/touch-input.port.js';
import { capturingLogger } from '../../shared/logger.js';
import { decodePng } from './png-decode.js';
import { SocketDisplay } from './socket-display.driver.js';
import { parseClientLine } from './socket-display.protocol.js';

const panel = { width: 8, height: 4, pixelFormat: 'RGB565' as const, rotation: 0 as const };
const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function frame(seq: number, rgb: [number, number, number], dirty = { x: 0, y: 0, w: 8, h: 4 }, view = 'idle'): Frame {
  const rgba = new Uint8Array(8 * 4 * 4);
  for (let i = 0; i < 32; i++) rgba.set([...rgb, 255], i * 4);
  return { seq, view, width: 8, height: 4, rgba, dirty, regions: [{ name: 'vin-charge', rect: { x: 4, y: 0, w: 4, h: 2 } }] };
}

class LineClient {
  readonly msgs: Array<Record<string, any>> = [];
  private buf = '';
  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buf += d;
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        this.msgs.push(JSON.parse(this.buf.slice(0, i)));
        this.buf = this.buf.slice(i + 1);
      }
    });
  }
  static connect(to: { port: number } | { path: string }): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const s = 'port' in to ? createConnection(to.port, '127.0.0.1') : createConnection(to.path);
      s.once('connect', () => resolve(new LineClient(s)));
      s.once('error', reject);
    });
  }
  send(m: unknown): void {
    this.socket.write(typeof m === 'string' ? m : `${JSON.stringify(m)}\n`);
  }
  async next(pred: (m: Record<string, any>) => boolean, ms = 3000): Promise<Record<string, any>> {
    const end = Date.now() + ms;
    for (;;) {
      const i = this.msgs.findIndex(pred);
      if (i >= 0) return this.msgs.splice(i, 1)[0];
      if (Date.now() > end) throw new Error(`no matching message; have ${JSON.stringify(this.msgs.map((m) => m.type))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  close(): void {
    this.socket.destroy();
  }
}

async function setup(listen: { port: number } | { path: string } = { port: 0 }) {
  const d = await SocketDisplay.listen({ listen, panel, logger: capturingLogger() });
  open.push(d);
  const touches: TouchEvent[] = [];
  d.onTouch((e) => touches.push(e));
  return { d, touches };
}

describe('SocketDisplay', () => {
  it('hello with size, pixel format and hit regions, then the current screen as a full PNG frame', async () => {
    const { d } = await setup();
    d.present(frame(1, [0x1f, 0x6f, 0xeb]));
    const c = await LineClient.connect(d.address());
    open.push(c);
    const hello = await c.next((m) => m.type === 'hello');
    expect(hello).toEqual({
      type: 'hello',
      protocol: 'pilegate-screen/1',
      width: 8,
      height: 4,
      panel,
      view: 'idle',
      seq: 1,
      regions: [{ name: 'vin-charge', x: 4, y: 0, w: 4, h: 2 }],
      encoding: 'png',
    });
    const f = await c.next((m) => m.type === 'frame');
    expect(f).toMatchObject({ seq: 1, view: 'idle', full: true, rect: { x: 0, y: 0, w: 8, h: 4 }, encoding: 'png' });
    const png = decodePng(Buffer.from(f.data, 'base64'));
    expect(png.ok && [...png.value.rgba.subarray(0, 4)]).toEqual([0x1f, 0x6f, 0xeb, 255]);
  });

  it('dirty rectangles out; raw RGB565 on request; notices only with encoding none', async () => {
    const { d } = await setup();
    d.present(frame(1, [0, 0, 0]));
    const c = await LineClient.connect(d.address());
    open.push(c);
    await c.next((m) => m.type === 'frame');
    c.send({ type: 'subscribe', encoding: 'rgb565', id: 1 });
    expect(await c.next((m) => m.type === 'ack')).toEqual({ type: 'ack', id: 1 });
    await c.next((m) => m.type === 'frame' && m.encoding === 'rgb565' && m.full);
    d.present(frame(2, [0xff, 0, 0], { x: 1, y: 1, w: 2, h: 1 }));
    const f = await c.next((m) => m.type === 'frame' && m.seq === 2);
    expect(f).toMatchObject({ full: false, rect: { x: 1, y: 1, w: 2, h: 1 }, encoding: 'rgb565' });
    expect([...Buffer.from(f.data, 'base64')]).toEqual([0x00, 0xf8, 0x00, 0xf8]); // two red pixels, 0xF800 low byte first
    d.present(frame(3, [0xff, 0, 0], null as never)); // nothing changed: nothing sent
    c.send({ type: 'subscribe', encoding: 'none', id: 2 });
    await c.next((m) => m.type === 'ack' && m.id === 2);
    d.present(frame(4, [0, 0xff, 0], { x: 0, y: 0, w: 1, h: 1 }));
    const notice = await c.next((m) => m.type === 'frame' && m.seq === 4);
    expect(notice.data).toBeUndefined();
    expect(c.msgs.some((m) => m.seq === 3)).toBe(false);
  });

  it('named presses are checked against the hit regions; touches are forwarded', async () => {
    const { d, touches } = await setup();
    d.present(frame(1, [0, 0, 0]));
    const c = await LineClient.connect(d.address());
    open.push(c);
    c.send({ type: 'press', name: 'vin-charge', id: 7 });
    expect(await c.next((m) => m.id === 7)).toEqual({ type: 'ack', id: 7 });
    c.send({ type: 'press', name: 'stop', id: 8 });
    expect(await c.next((m) => m.id === 8)).toMatchObject({ type: 'error', code: 'unknown-button', message: expect.stringContaining('buttons: vin-charge') });
    c.send({ type: 'touch', phase: 'down', x: 5, y: 1, id: 9 });
    c.send({ type: 'touch', phase: 'up', x: 5, y: 1, id: 10 });
    await c.next((m) => m.id === 10);
    c.send({ type: 'touch', phase: 'down', x: 8, y: 1, id: 11 });
    expect(await c.next((m) => m.id === 11)).toMatchObject({ type: 'error', code: 'out-of-screen' });
    expect(touches).toEqual([
      { type: 'button', name: 'vin-charge' },
      { type: 'touch', phase: 'down', x: 5, y: 1 },
      { type: 'touch', phase: 'up', x: 5, y: 1 },
    ]);
  });

  it('bad lines get an error and the connection stays usable', async () => {
    const { d } = await setup();
    d.present(frame(1, [0, 0, 0]));
    const c = await LineClient.connect(d.address());
    open.push(c);
    c.send('{not json\n');
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'bad-message', message: 'not JSON' });
    c.send({ type: 'dance', id: 3 });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ id: 3, code: 'bad-message', message: 'unknown message type "dance"' });
    c.send({ type: 'snapshot', id: 4 });
    await c.next((m) => m.type === 'ack' && m.id === 4);
    expect(await c.next((m) => m.type === 'frame' && m.full)).toBeTruthy();
  });

  it('listens on a Unix socket path too', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'screen-')), 'screen.sock');
    const { d } = await setup({ path });
    expect(d.address()).toEqual({ path });
    const c = await LineClient.connect({ path });
    open.push(c);
    expect(await c.next((m) => m.type === 'hello')).toMatchObject({ view: null, width: 8, height: 4 });
  });
});

describe('parseClientLine', () => {
  it.each([
    ['{"type":"press","name":"vin-charge","id":1}', { ok: true, value: { type: 'press', id: 1, name: 'vin-charge' } }],
    ['{"type":"touch","phase":"up","x":10.4,"y":3}', { ok: true, value: { type: 'touch', id: null, phase: 'up', x: 10, y: 3 } }],
    ['{"type":"subscribe","encoding":"jpeg"}', { ok: false, error: { code: 'bad-message', message: 'encoding must be one of png, rgb565, none', id: null } }],
    ['{"type":"press","name":""}', { ok: false, error: { code: 'bad-message', message: 'press needs a button name', id: null } }],
    ['[1,2]', { ok: false, error: { code: 'bad-message', message: 'not a JSON object', id: null } }],
  ])('%s', (line, expected) => expect(parseClientLine(line)).toEqual(expected));
});
