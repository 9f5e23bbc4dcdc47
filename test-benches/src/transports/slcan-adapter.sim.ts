// One simulated USB-CAN adapter speaking SLCAN (pile-agent reference gbt27930.md §5), as a pure
// state table: each framer token from the host → the reply bytes plus, for an accepted transmit,
// the frame to put on the bus. Lawicel CANUSB-like: `Z\r`/`z\r` acks, BELL for a frame while
// closed or listen-only, a bit rate change while open, an unknown command or a garbage line.
import { decodeSlcanLine, encodeSlcanFrame } from '../../../pile-agent/protocols.js';
import type { CanFrame } from '../../../pile-agent/ports.js';
import type { SlcanToken } from '../../../pile-agent/protocols.js';

export type AdapterMode = 'closed' | 'normal' | 'listen';

export interface AdapterState {
  readonly mode: AdapterMode;
  /** `Sn` digit in force (0–8); the bus delivers frames only between ports at the same code. */
  readonly bitrateCode: number;
  readonly timestamps: boolean;
}

export interface AdapterAction {
  /** Bytes to answer the host with (`\r`, BELL, `Z\r`, `V1013\r` …), possibly empty. */
  readonly reply: string;
  /** A frame the host transmitted and the adapter accepted: the bus forwards it. */
  readonly transmit?: CanFrame;
}

export interface AdapterIdentity {
  /** `N` reply, exactly 4 characters. */
  readonly serial: string;
  /** `V` reply after the V, exactly 4 digits (hardware 2, software 2). */
  readonly version: string;
}

const OK = '\r';
const BELL = '\x07';

export class SlcanAdapterSim {
  private st: AdapterState = { mode: 'closed', bitrateCode: 5, timestamps: false };
  private bells = 0;

  constructor(private readonly identity: AdapterIdentity) {}

  get state(): AdapterState {
    return this.st;
  }

  /** BELL replies given so far (refused commands and frames, garbage). */
  get bellCount(): number {
    return this.bells;
  }

  /** Whether this port delivers received frames to its host. */
  get receiving(): boolean {
    return this.st.mode !== 'closed';
  }

  /** Host bytes (as framer tokens) → what the adapter answers and transmits. */
  handle(token: SlcanToken): AdapterAction {
    if (token.kind !== 'line') return this.bell(); // garbage, or a BELL sent by the host
    const decoded = decodeSlcanLine(token.text);
    if (!decoded.ok) return this.bell();
    const msg = decoded.value;
    const closed = this.st.mode === 'closed';
    switch (msg.kind) {
      case 'frame':
        if (this.st.mode !== 'normal') return this.bell();
        return { reply: msg.frame.extended ? 'Z\r' : 'z\r', transmit: msg.frame };
      case 'bitrate':
        if (!closed) return this.bell();
        this.st = { ...this.st, bitrateCode: msg.code };
        return { reply: OK };
      case 'btr':
      case 'acceptance':
        return closed ? { reply: OK } : this.bell();
      case 'timestamps':
        if (!closed) return this.bell();
        this.st = { ...this.st, timestamps: msg.on };
        return { reply: OK };
      case 'open':
      case 'listen':
        if (!closed) return this.bell();
        this.st = { ...this.st, mode: msg.kind === 'open' ? 'normal' : 'listen' };
        return { reply: OK };
      case 'close':
        if (closed) return this.bell();
        this.st = { ...this.st, mode: 'closed' };
        return { reply: OK };
      case 'version-query':
        return { reply: `V${this.identity.version}\r` };
      case 'serial-query':
        return { reply: `N${this.identity.serial}\r` };
      case 'status-query':
        return closed ? this.bell() : { reply: 'F00\r' };
      default:
        // an empty line (the `\r\r\r` flush) and adapter-side replies sent by a host are errors
        return this.bell();
    }
  }

  /** The line (with CR) a received frame reaches this port's host as; timestamp if Z1 (ms, wraps 60 s). */
  receivedLine(frame: CanFrame, busMs: number): string {
    return `${encodeSlcanFrame(frame, this.st.timestamps ? Math.floor(busMs) : undefined)}\r`;
  }

  private bell(): AdapterAction {
    this.bells++;
    return { reply: BELL };
  }
}
