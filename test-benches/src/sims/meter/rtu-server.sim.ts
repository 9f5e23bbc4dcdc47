// Puts bench meters on a serial line as Modbus RTU servers: one line can host several unit ids, as
// several meters share one RS-485 bus. Frames requests with the agent's own RTU framer, answers
// through each meter's behaviours, and logs every request and answer with its time so tests can
// prove the bus is never interleaved.
import { charTimeMs, encodeRtuAdu, decodeRtuAdu, RtuFramer, silenceIntervalMs } from '../../../../pile-agent/protocols.js';
import type { Clock, SerialLine } from '../../../../pile-agent/ports.js';
import type { ModbusMeterSim } from './modbus-meter.sim.js';

export interface RtuServerDeps {
  readonly line: SerialLine;
  readonly clock: Clock;
  /** Meters by unit id. */
  readonly meters: ReadonlyMap<number, ModbusMeterSim>;
  readonly baud: number;
  /**
   * Emulate the wire: hold each answer back by the request's and the answer's transit time at
   * `baud` plus t3.5, as a pty moves bytes instantly. Off by default.
   */
  readonly paceWire?: boolean;
}

export interface BusEvent {
  readonly dir: 'rx' | 'tx';
  readonly unitId: number;
  readonly atMs: number;
}

export class ModbusRtuSimServer {
  private readonly framer: RtuFramer;
  private unsubscribe: (() => void) | null = null;
  private flushTimer: { cancel(): void } | null = null;
  /** Every request received and answer sent, in order. */
  readonly log: BusEvent[] = [];

  constructor(private readonly deps: RtuServerDeps) {
    this.framer = new RtuFramer('requests', Math.max(silenceIntervalMs(deps.baud), 20));
  }

  async start(): Promise<void> {
    await this.deps.line.open();
    this.unsubscribe = this.deps.line.onData((c) => this.onData(c));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.flushTimer?.cancel();
    await this.deps.line.close();
  }

  private onData(chunk: Uint8Array): void {
    const { clock } = this.deps;
    this.handle(this.framer.feed(chunk, clock.monotonic()).frames);
    this.flushTimer?.cancel();
    this.flushTimer = this.framer.pending ? clock.setTimer(25, () => this.handle(this.framer.flush(clock.monotonic()).frames)) : null;
  }

  private handle(frames: Uint8Array[]): void {
    for (const frame of frames) {
      const adu = decodeRtuAdu(frame);
      if (!adu.ok) continue;
      const meter = this.deps.meters.get(adu.value.unitId);
      if (!meter) continue; // another device's address: stay silent, as on a real bus
      const unitId = adu.value.unitId;
      this.log.push({ dir: 'rx', unitId, atMs: this.deps.clock.monotonic() });
      const reply = meter.respond(adu.value.pdu);
      if (!reply.pdu) continue;
      const bytes = encodeRtuAdu({ unitId, pdu: reply.pdu });
      if (reply.action.kind === 'bad-crc') bytes[bytes.length - 1] ^= 0xff;
      const send = () => {
        this.log.push({ dir: 'tx', unitId, atMs: this.deps.clock.monotonic() });
        this.deps.line.write(bytes).catch(() => undefined);
      };
      const { baud, paceWire } = this.deps;
      const wireMs = paceWire ? charTimeMs(baud, frame.length) + silenceIntervalMs(baud) + charTimeMs(baud, bytes.length) : 0;
      const delayMs = wireMs + (reply.action.kind === 'delay' ? reply.action.ms : 0);
      if (delayMs > 0) this.deps.clock.setTimer(delayMs, send);
      else send();
    }
  }
}
