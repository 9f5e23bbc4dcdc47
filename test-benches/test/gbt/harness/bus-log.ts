// The virtual bus's own record of a session: every frame the bus forwarded, stamped with
// performance.now() at the forwarding point, with the GB/T message it carries (single frames, and TP
// messages once the passive reassembler has all their DT packets, reference §3). Tests and the demo
// assert on what was really on the wire here, independently of what either end says it did.
import { TraceReassembler, decodeMessage } from '../../../../pile-agent/protocols.js';
import type { CanFrame } from '../../../../pile-agent/ports.js';
import type { GbtMessage, TpCm } from '../../../../pile-agent/protocols.js';
import type { FrameSource, VirtualCanBus } from '../../../src/transports/virtual-bus.js';

export interface BusEntry {
  /** performance.now() when the bus forwarded the frame. */
  readonly atMs: number;
  readonly from: FrameSource;
  readonly frame: CanFrame;
  /** The GB/T message this frame carries or completes (the last DT of a TP message). */
  readonly message?: GbtMessage;
  readonly transport?: TpCm;
}

export class BusLog {
  readonly entries: BusEntry[] = [];
  private tp = new TraceReassembler();
  private readonly off: () => void;

  constructor(bus: VirtualCanBus) {
    this.off = bus.onTraffic((frame, from) => this.record(frame, from));
  }

  /** Index to pass to `since()` to look at one session only. */
  mark(): number {
    this.tp = new TraceReassembler();
    return this.entries.length;
  }

  since(mark: number): BusEntry[] {
    return this.entries.slice(mark);
  }

  detach(): void {
    this.off();
  }

  private record(frame: CanFrame, from: FrameSource): void {
    const atMs = performance.now();
    if (!frame.extended) return void this.entries.push({ atMs, from, frame });
    let message: GbtMessage | undefined;
    let transport: TpCm | undefined;
    for (const ev of this.tp.push(frame.id, frame.data)) {
      if (ev.kind === 'tp-cm') transport = ev.cm;
      if (ev.kind !== 'message') continue;
      const m = decodeMessage(ev.pgn, ev.data);
      if (m.ok) message = m.value;
    }
    this.entries.push({ atMs, from, frame, ...(message ? { message } : {}), ...(transport ? { transport } : {}) });
  }
}

/** The GB/T messages of a slice of the log, by name (e.g. every CRM). */
export function messagesNamed<N extends GbtMessage['name']>(entries: readonly BusEntry[], name: N): Extract<GbtMessage, { name: N }>[] {
  return entries.flatMap((e) => (e.message?.name === name ? [e.message as Extract<GbtMessage, { name: N }>] : []));
}

/** The frames with this 29-bit id (e.g. 0x182756F4 for BHM). */
export const framesWithId = (entries: readonly BusEntry[], id: number): BusEntry[] => entries.filter((e) => e.frame.extended && e.frame.id === id);
