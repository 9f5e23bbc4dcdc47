// SocketCanChannel: on these machines only the "unavailable" path can be real (the optional package
// is not installed on Node 20 and the kernel has no AF_CAN); the thin adapter itself is exercised
// with a stand-in module injected through deps.loadModule (no module mocking).
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { nullLogger } from '../../shared/logger.js';
import { hex } from '../../shared/hex.js';
import type { CanChannelError, CanFrame } from '../../ports/can-channel.port.js';
import { SocketCanChannel, importSocketcanPackage, type SocketcanRawChannel } from './socketcan.driver.js';
import type { SocketcanMessage } from './socketcan-frame.js';

const make = (iface: string, loadModule: () => Promise<unknown>) => new SocketCanChannel({ iface, logger: nullLogger, clock: new FakeClock(), loadModule });

class StandInChannel implements SocketcanRawChannel {
  readonly sent: SocketcanMessage[] = [];
  readonly listeners: Record<string, Array<(m?: SocketcanMessage) => void>> = {};
  started = false;
  addListener(event: string, cb: (m?: SocketcanMessage) => void) {
    (this.listeners[event] ??= []).push(cb);
  }
  start() {
    this.started = true;
  }
  stop() {
    this.started = false;
  }
  send(msg: SocketcanMessage) {
    this.sent.push(msg);
  }
  emit(event: string, m?: SocketcanMessage) {
    for (const l of this.listeners[event] ?? []) l(m);
  }
}

describe('SocketCanChannel unavailable paths', () => {
  it('the real lazy import: rejects with DriverUnavailable and a clear message', async () => {
    const ch = make('can0', importSocketcanPackage);
    await expect(ch.open()).rejects.toMatchObject({ code: 201, message: expect.stringMatching(/SocketCAN unavailable/) });
    await expect(ch.send({ id: 1, extended: true, data: new Uint8Array(0) })).rejects.toMatchObject({ code: 200 });
  });

  it('a package that cannot open a raw socket (no AF_CAN) is DriverUnavailable too', async () => {
    const mod = {
      createRawChannel: () => {
        throw new Error('Error while creating socket');
      },
    };
    await expect(make('lo', async () => mod).open()).rejects.toMatchObject({ code: 201, message: expect.stringMatching(/AF_CAN/) });
  });

  it('a missing interface and a module without createRawChannel are reported', async () => {
    const mod = { createRawChannel: () => new StandInChannel() };
    await expect(make('can-missing-pilegate', async () => mod).open()).rejects.toThrow(/no network interface 'can-missing-pilegate'/);
    await expect(make('lo', async () => ({})).open()).rejects.toThrow(/no createRawChannel/);
  });
});

describe('SocketCanChannel over a stand-in module', () => {
  it('maps frames both ways, reports error frames and an unexpected stop', async () => {
    const raw = new StandInChannel();
    const ch = make('lo', async () => ({ default: { createRawChannel: () => raw } }));
    const frames: CanFrame[] = [];
    const errors: CanChannelError[] = [];
    ch.onFrame((f) => frames.push(f));
    ch.onError((e) => errors.push(e));
    await ch.open();
    expect(raw.started).toBe(true);

    await ch.send({ id: 0x1801f456, extended: true, data: hex('AA40E20100FFFFFF') });
    expect(raw.sent).toHaveLength(1);
    expect(raw.sent[0]).toMatchObject({ id: 0x1801f456, ext: true, rtr: false });
    expect([...raw.sent[0].data]).toEqual([...hex('AA40E20100FFFFFF')]);
    await expect(ch.send({ id: 0x800, extended: false, data: new Uint8Array(0) })).rejects.toMatchObject({ code: 100 });

    raw.emit('onMessage', { id: 0x1cec56f4, ext: true, rtr: false, data: Buffer.from(hex('10310007FF000200')) });
    raw.emit('onMessage', { id: 4, err: true, data: Buffer.alloc(8) });
    expect(frames).toEqual([{ id: 0x1cec56f4, extended: true, data: hex('10310007FF000200') }]);
    expect(errors.map((e) => e.code)).toEqual(['bus-error']);

    raw.emit('onStopped');
    expect(errors.map((e) => e.code)).toEqual(['bus-error', 'closed']);
    await expect(ch.send({ id: 1, extended: true, data: new Uint8Array(0) })).rejects.toMatchObject({ code: 200 });
  });

  it('close stops the channel without a closed error; idempotent', async () => {
    const raw = new StandInChannel();
    const ch = make('lo', async () => ({ createRawChannel: () => raw }));
    const errors: CanChannelError[] = [];
    ch.onError((e) => errors.push(e));
    await ch.open();
    await ch.close();
    raw.emit('onStopped');
    await ch.close();
    expect(raw.started).toBe(false);
    expect(errors).toEqual([]);
  });
});
