// The bench's virtual CAN bus: N socat pty pairs; on the far end of each, an SLCAN adapter
// (slcan-adapter.sim.ts) that answers its host and puts accepted frames on the bus, which forwards
// each one to every other port that is open at the same bit rate. Optional `candump -L` recording of
// the traffic; frame and garbage injection for tests. Lean path: one encode per frame, no timers.
import { CandumpCapture, SerialPortLine } from '../../../pile-agent/drivers.js';
import { SlcanFramer, encodeSlcanFrame } from '../../../pile-agent/protocols.js';
import type { CandumpSink } from '../../../pile-agent/drivers.js';
import type { CanFrame, Clock, Logger } from '../../../pile-agent/ports.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { SlcanAdapterSim, type AdapterState } from './slcan-adapter.sim.js';
import { TypedEmitter } from '../../../pile-agent/ports.js';

export interface VirtualBusDeps {
  /** Number of ports (adapters) on the bus, 1–32. */
  readonly ports: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Records every frame on the bus as a `candump -L` line. */
  readonly log?: CandumpSink;
  /** Interface name on recorded lines. Default `vbus0`. */
  readonly iface?: string;
}

/** Who put a frame on the bus: a port index, or `inject` for VirtualCanBus.inject(). */
export type FrameSource = number | 'inject';

export interface VirtualBusPortInfo {
  readonly index: number;
  /** The device path to give a simulator or the agent (the other end belongs to the bus). */
  readonly path: string;
  readonly state: AdapterState;
  readonly framesSent: number;
  readonly framesReceived: number;
  readonly bells: number;
}

interface Port {
  readonly index: number;
  readonly pair: PtyPair;
  readonly line: SerialPortLine;
  readonly framer: SlcanFramer;
  readonly adapter: SlcanAdapterSim;
  sent: number;
  received: number;
}

const toBytes = (s: string) => Buffer.from(s, 'latin1');

export class VirtualCanBus {
  private readonly events = new TypedEmitter<{ frame: [frame: CanFrame, from: FrameSource] }>();
  private readonly capture: CandumpCapture | null;
  private readonly startMs: number;
  private closed = false;

  private constructor(
    private readonly deps: VirtualBusDeps,
    private readonly portList: Port[],
  ) {
    this.capture = deps.log ? new CandumpCapture({ sink: deps.log, clock: deps.clock, iface: deps.iface ?? 'vbus0' }) : null;
    this.startMs = deps.clock.monotonic();
    for (const p of portList) p.line.onData((chunk) => this.onHostBytes(p, chunk));
  }

  /** Creates the pty pairs and opens the bus side of each; rejects (cleaning up) if socat fails. */
  static async start(deps: VirtualBusDeps): Promise<VirtualCanBus> {
    if (!Number.isInteger(deps.ports) || deps.ports < 1 || deps.ports > 32) throw new RangeError(`ports must be 1–32, got ${deps.ports}`);
    const made: Port[] = [];
    try {
      for (let index = 0; index < deps.ports; index++) {
        const pair = await openPtyPair();
        const line = new SerialPortLine({ path: pair.b, baudRate: 115200 });
        made.push({ index, pair, line, framer: new SlcanFramer(), adapter: new SlcanAdapterSim({ serial: `VB${index.toString().padStart(2, '0')}`, version: '1013' }), sent: 0, received: 0 });
        await line.open();
      }
    } catch (e) {
      for (const p of made) {
        await p.line.close();
        await p.pair.close();
      }
      throw e;
    }
    deps.logger.info({ paths: made.map((p) => p.pair.a) }, 'virtual CAN bus up');
    return new VirtualCanBus(deps, made);
  }

  /** Device paths for the hosts, port 0 first. */
  get paths(): string[] {
    return this.portList.map((p) => p.pair.a);
  }

  port(index: number): VirtualBusPortInfo {
    const p = this.portList[index];
    if (!p) throw new RangeError(`no port ${index}`);
    return { index, path: p.pair.a, state: p.adapter.state, framesSent: p.sent, framesReceived: p.received, bells: p.adapter.bellCount };
  }

  /** Observes every frame put on the bus (accepted transmits and injections), in bus order. */
  onTraffic(listener: (frame: CanFrame, from: FrameSource) => void): () => void {
    return this.events.on('frame', listener);
  }

  /** Puts a frame on the bus as an outside node would (at `bitrateCode`, default S5 / 250k). */
  inject(frame: CanFrame, bitrateCode = 5): void {
    encodeSlcanFrame(frame); // validates: throws on an impossible frame
    this.forward(frame, 'inject', bitrateCode);
  }

  /** Writes raw bytes to a port's host as if the adapter had sent them (garbage, partial lines). */
  async injectRaw(index: number, bytes: Uint8Array | string): Promise<void> {
    const p = this.portList[index];
    if (!p) throw new RangeError(`no port ${index}`);
    await p.line.write(typeof bytes === 'string' ? toBytes(bytes) : bytes);
  }

  /** Closes every port and pty pair and flushes the log; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.portList) {
      await p.line.close();
      await p.pair.close();
    }
    await this.capture?.close();
  }

  private onHostBytes(p: Port, chunk: Uint8Array): void {
    const tokens = p.framer.push(chunk);
    for (let i = 0; i < tokens.length; i++) {
      const action = p.adapter.handle(tokens[i]);
      if (action.reply) this.write(p, toBytes(action.reply));
      if (action.transmit) {
        p.sent++;
        this.forward(action.transmit, p.index, p.adapter.state.bitrateCode);
      }
    }
  }

  private forward(frame: CanFrame, from: FrameSource, bitrateCode: number): void {
    if (this.closed) return;
    this.capture?.record(frame);
    const busMs = this.deps.clock.monotonic() - this.startMs;
    let plain: Buffer | null = null; // one encoding shared by every receiver without timestamps
    for (const q of this.portList) {
      if (q.index === from || !q.adapter.receiving || q.adapter.state.bitrateCode !== bitrateCode) continue;
      q.received++;
      if (q.adapter.state.timestamps) this.write(q, toBytes(q.adapter.receivedLine(frame, busMs)));
      else this.write(q, (plain ??= toBytes(q.adapter.receivedLine(frame, busMs))));
    }
    this.events.emit('frame', frame, from);
  }

  private write(p: Port, bytes: Uint8Array): void {
    p.line.write(bytes).catch((e: Error) => this.deps.logger.warn({ port: p.index, err: e.message }, 'virtual bus write failed'));
  }
}
