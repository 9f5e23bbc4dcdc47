// The virtual CAN bus over real pty pairs: two agent SlcanCanChannels exchange frames through it,
// a port at another bit rate and a closed port receive nothing, Z1 adds timestamps, garbage and
// injected frames reach the hosts, refused frames BELL, and the traffic is recorded as candump -L.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortLine, SlcanCanChannel, memoryCandumpSink } from '../../../pile-agent/drivers.js';
import { hex, nullLogger, systemClock, type CanChannelError, type CanFrame } from '../../../pile-agent/ports.js';
import { VirtualCanBus } from './virtual-bus.js';

let bus: VirtualCanBus | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await bus?.close();
  bus = undefined;
});

function agentOn(path: string, bitrate = 250_000) {
  const ch = new SlcanCanChannel({ line: new SerialPortLine({ path, baudRate: 115200 }), bitrate, logger: nullLogger, clock: systemClock });
  cleanups.push(() => ch.close());
  const frames: CanFrame[] = [];
  const errors: CanChannelError[] = [];
  ch.onFrame((f) => frames.push(f));
  ch.onError((e) => errors.push(e));
  return { ch, frames, errors };
}

async function rawHost(path: string) {
  const line = new SerialPortLine({ path, baudRate: 115200 });
  await line.open();
  cleanups.push(() => line.close());
  let text = '';
  line.onData((c) => (text += Buffer.from(c).toString('latin1')));
  return { line, read: () => text, send: (s: string) => line.write(Buffer.from(s, 'latin1')) };
}

const until = async (cond: () => boolean, timeoutMs = 3000) => {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const crm = { id: 0x1801f456, extended: true, data: hex('AA40E20100FFFFFF') };
const bro = { id: 0x100956f4, extended: true, data: hex('AA') };

describe('VirtualCanBus', () => {
  it('forwards frames between open ports at the same bit rate, acks, and records candump lines', async () => {
    const log = memoryCandumpSink();
    bus = await VirtualCanBus.start({ ports: 4, clock: systemClock, logger: nullLogger, log });
    expect(new Set(bus.paths).size).toBe(4);
    const charger = agentOn(bus.paths[0]);
    const bms = agentOn(bus.paths[1]);
    const slow = agentOn(bus.paths[3], 50_000);
    await Promise.all([charger.ch.open(), bms.ch.open(), slow.ch.open()]);
    const traffic: Array<[number, number | string]> = [];
    bus.onTraffic((f, from) => traffic.push([f.id, from]));

    await charger.ch.send(crm);
    await bms.ch.send(bro);
    await until(() => bms.frames.length === 1 && charger.frames.length === 1);
    expect(bms.frames).toEqual([crm]);
    expect(charger.frames).toEqual([bro]);
    expect(traffic).toEqual([
      [0x1801f456, 0],
      [0x100956f4, 1],
    ]);
    expect(log.lines.map((l) => l.replace(/^\(\d+\.\d{6}\) /, ''))).toEqual(['vbus0 1801F456#AA40E20100FFFFFF', 'vbus0 100956F4#AA']);
    expect(bus.port(0)).toMatchObject({ framesSent: 1, framesReceived: 1, state: { mode: 'normal', bitrateCode: 5 } });
    expect(bus.port(2)).toMatchObject({ framesReceived: 0, state: { mode: 'closed' } }); // nobody opened it
    expect(bus.port(3)).toMatchObject({ framesReceived: 0, state: { bitrateCode: 2 } });
    expect(slow.frames).toEqual([]);
  });

  it('delivers injected frames and garbage to the hosts; refused frames BELL', async () => {
    bus = await VirtualCanBus.start({ ports: 2, clock: systemClock, logger: nullLogger });
    const a = agentOn(bus.paths[0]);
    await a.ch.open();
    bus.inject(bro);
    await bus.injectRaw(0, '\x01\x02junk\rT1CEC56F4810310007FF000200\r');
    await until(() => a.frames.length === 2);
    expect(a.frames.map((f) => f.id)).toEqual([0x100956f4, 0x1cec56f4]);
    expect(a.errors.map((e) => e.code)).toEqual(['bad-line']);
    expect(() => bus!.inject({ id: 0x800, extended: false, data: new Uint8Array(0) })).toThrow(/out of range/);

    // a raw host on port 1: a frame while closed is refused; after Z1 and O, frames carry timestamps
    const host = await rawHost(bus.paths[1]);
    await host.send('T100956F41AA\r');
    await until(() => host.read().includes('\x07'));
    await host.send('Z1\rO\r');
    await until(() => bus!.port(1).state.mode === 'normal');
    await a.ch.send(crm);
    await until(() => /T1801F4568AA40E20100FFFFFF[0-9A-F]{4}\r/.test(host.read()));
    expect(bus.port(1).bells).toBe(1);
  });

  it('a host can close and reopen its port (reconnecting simulator)', async () => {
    bus = await VirtualCanBus.start({ ports: 2, clock: systemClock, logger: nullLogger });
    const a = agentOn(bus.paths[0]);
    await a.ch.open();
    const b1 = agentOn(bus.paths[1]);
    await b1.ch.open();
    await b1.ch.close();
    expect(bus.port(1).state.mode).toBe('closed');
    const b2 = agentOn(bus.paths[1]);
    await b2.ch.open();
    await a.ch.send(crm);
    await until(() => b2.frames.length === 1);
    expect(b1.frames).toEqual([]);
  });

  it('rejects a bad port count', async () => {
    await expect(VirtualCanBus.start({ ports: 0, clock: systemClock, logger: nullLogger })).rejects.toThrow(/1–32/);
  });
});
