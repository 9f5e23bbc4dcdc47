// A test-only scripted charger that drives the simulated BMS through a session on the fake clock:
// CHM (2015) until BHM, CRM 0x00, CTS/EndOfMsgAck for every RTS, CRM 0xAA when `allow`, CML/CTS,
// CRO 00→AA, CCS every 50 ms, CST on BST, CSD on BSD. Its fixed frames are the rows of reference
// §7.5 vector A. It is a harness, not a charger implementation (that is pile-agent's charger link).
import { decodeMessage, decodeTpCm, decodeTpDt, frameFor, pgnOfId } from '../../../../../pile-agent/protocols.js';
import { hex } from '../../../../../pile-agent/ports.js';
import type { BmsMessage } from '../../../../../pile-agent/protocols.js';
import type { CanChannel, CanFrame, Clock, TimerHandle } from '../../../../../pile-agent/ports.js';

const f = (id: number, data: string): CanFrame => ({ id, extended: true, data: hex(data) });
export const CHARGER_FRAMES = {
  CHM: f(0x1826f456, '010100'),
  CRM00: f(0x1801f456, '0040E20100FFFFFF'),
  CRMAA: f(0x1801f456, 'AA40E20100FFFFFF'),
  CTS_TIME: f(0x1807f456, '45301018052420'),
  CML: f(0x1808f456, '4C1DD007DC05A00F'),
  CRO00: f(0x100af456, '00'),
  CROAA: f(0x100af456, 'AA'),
  CST_ANSWER: f(0x101af456, '4000F0F0'),
  CST_MANUAL: f(0x101af456, '0400F0F0'),
  CSD: f(0x181df456, '3A00F00440E20100'),
} as const;

export interface ScriptedChargerOptions {
  readonly can: CanChannel;
  readonly clock: Clock;
  /** 2015: CHM first, first CRM `insulationMs` after BHM, or after `bhmWaitMs` without BHM (2011 fallback). */
  readonly sendChm?: boolean;
  readonly insulationMs?: number;
  readonly bhmWaitMs?: number;
  /** CRM 0xAA after a complete BRM; false = keep CRM 0x00 (vector C refusal). */
  readonly allow?: boolean;
  /** Answer RTS with CTS (false: never, like the charger of reference §7.6). */
  readonly answerRts?: boolean;
  readonly outputCurrentDeciA?: number;
  readonly outputVoltageDeciV?: number;
  /** On BEM: `end` stops sending (reference §4.6 option 1), `ignore` carries on (a charger that never gives up). */
  readonly onBem?: 'end' | 'ignore';
}

export class ScriptedCharger {
  /** BMS messages it decoded (complete TP payloads included), in order. */
  readonly received: { msg: BmsMessage; atMs: number }[] = [];
  readonly decodeErrors: string[] = [];
  private readonly periodic = new Map<string, TimerHandle>();
  private tp: { pgn: number; size: number; packets: number; buf: Uint8Array; next: number } | null = null;
  private stage: 'handshake' | 'ident' | 'params' | 'ready' | 'charging' | 'stopping' | 'end' = 'handshake';
  private off: (() => void) | null = null;
  private chargingStartMs = 0;

  constructor(private readonly o: ScriptedChargerOptions) {}

  start(): void {
    this.off = this.o.can.onFrame((frame, at) => this.onFrame(frame, at));
    if (this.o.sendChm ?? true) {
      this.every('CHM', 250, () => CHARGER_FRAMES.CHM);
      this.after(this.o.bhmWaitMs ?? 5000, () => this.stage === 'handshake' && this.startIdentification());
    } else {
      this.startIdentification();
    }
  }

  stop(): void {
    this.off?.();
    for (const h of this.periodic.values()) h.cancel();
    this.periodic.clear();
  }

  /** A charger-initiated stop (CST manual stop, reference §4.7). */
  localStop(): void {
    this.stopAll();
    this.stage = 'stopping';
    this.every('CST', 10, () => CHARGER_FRAMES.CST_MANUAL);
  }

  names(): string[] {
    return this.received.map((r) => r.msg.name);
  }

  private send(frame: CanFrame): void {
    void this.o.can.send(frame);
  }

  private every(key: string, ms: number, frame: () => CanFrame): void {
    this.periodic.get(key)?.cancel();
    const tick = () => {
      this.periodic.set(key, this.o.clock.setTimer(ms, tick));
      this.send(frame());
    };
    tick();
  }

  private after(ms: number, fn: () => void): void {
    this.o.clock.setTimer(ms, fn);
  }

  private stopAll(): void {
    for (const h of this.periodic.values()) h.cancel();
    this.periodic.clear();
  }

  private startIdentification(): void {
    this.stage = 'ident';
    this.stopAll();
    this.every('CRM', 250, () => CHARGER_FRAMES.CRM00);
  }

  private onFrame(frame: CanFrame, at: number): void {
    const pgn = pgnOfId(frame.id);
    if ((frame.id & 0xffff) !== 0x56f4) return;
    if (pgn === 0xec00) return this.onTpCm(frame);
    if (pgn === 0xeb00) return this.onTpDt(frame, at);
    this.onMessage(pgn, frame.data, at);
  }

  private onTpCm(frame: CanFrame): void {
    const cm = decodeTpCm(frame.data);
    if (!cm.ok) return void this.decodeErrors.push(cm.error.code);
    if (cm.value.type === 'abort') this.tp = null;
    if (cm.value.type !== 'rts' || this.o.answerRts === false) return;
    const { sizeBytes, packets, pgn } = cm.value;
    this.tp = { pgn, size: sizeBytes, packets, buf: new Uint8Array(packets * 7), next: 1 };
    const p = [pgn & 0xff, (pgn >> 8) & 0xff, pgn >> 16].map((b) => b.toString(16).padStart(2, '0')).join('');
    this.send(f(0x1cecf456, `11${packets.toString(16).padStart(2, '0')}01FFFF${p}`));
  }

  private onTpDt(frame: CanFrame, at: number): void {
    const dt = decodeTpDt(frame.data);
    if (!dt.ok || !this.tp || dt.value.sequence !== this.tp.next) return;
    this.tp.buf.set(dt.value.payload, (dt.value.sequence - 1) * 7);
    this.tp.next++;
    if (dt.value.sequence < this.tp.packets) return;
    const { pgn, size, packets, buf } = this.tp;
    this.tp = null;
    const p = [pgn & 0xff, (pgn >> 8) & 0xff, pgn >> 16].map((b) => b.toString(16).padStart(2, '0')).join('');
    const s = [size & 0xff, size >> 8].map((b) => b.toString(16).padStart(2, '0')).join('');
    this.send(f(0x1cecf456, `13${s}${packets.toString(16).padStart(2, '0')}FF${p}`));
    this.onMessage(pgn, buf.subarray(0, size), at);
  }

  private onMessage(pgn: number, data: Uint8Array, at: number): void {
    const d = decodeMessage(pgn, data);
    if (!d.ok) return void this.decodeErrors.push(d.error.code);
    const msg = d.value as BmsMessage;
    this.received.push({ msg, atMs: at });
    this.react(msg, at);
  }

  private react(msg: BmsMessage, at: number): void {
    if (msg.name === 'BEM' && (this.o.onBem ?? 'end') === 'end') {
      this.stage = 'end';
      this.stopAll();
    } else if (msg.name === 'BHM' && this.stage === 'handshake') {
      this.stage = 'ident';
      this.after(this.o.insulationMs ?? 500, () => this.startIdentification());
    } else if (msg.name === 'BRM' && this.stage === 'ident' && (this.o.allow ?? true)) {
      this.every('CRM', 250, () => CHARGER_FRAMES.CRMAA);
    } else if (msg.name === 'BCP' && this.stage === 'ident') {
      this.stage = 'params';
      this.stopAll();
      this.every('CTS', 500, () => CHARGER_FRAMES.CTS_TIME);
      this.every('CML', 250, () => CHARGER_FRAMES.CML);
    } else if (msg.name === 'BRO' && msg.status === 'ready' && this.stage === 'params') {
      this.stage = 'ready';
      this.stopAll();
      this.every('CRO', 250, () => CHARGER_FRAMES.CRO00);
      this.after(250, () => this.every('CRO', 250, () => CHARGER_FRAMES.CROAA));
    } else if (msg.name === 'BCL' && this.stage === 'ready') {
      this.stage = 'charging';
      this.chargingStartMs = at;
      this.stopAll();
      this.every('CCS', 50, () => this.ccs());
    } else if (msg.name === 'BST' && (this.stage === 'charging' || this.stage === 'ready')) {
      this.stage = 'stopping';
      this.stopAll();
      this.every('CST', 10, () => CHARGER_FRAMES.CST_ANSWER);
    } else if (msg.name === 'BSD' && this.stage === 'stopping') {
      this.stage = 'end';
      this.stopAll();
      this.every('CSD', 250, () => CHARGER_FRAMES.CSD);
      this.after(1000, () => this.stopAll());
    }
  }

  private ccs(): CanFrame {
    const minutes = Math.floor((this.o.clock.monotonic() - this.chargingStartMs) / 60_000);
    return frameFor({
      name: 'CCS',
      outputVoltageDeciV: this.o.outputVoltageDeciV ?? 5925,
      outputCurrentDeciA: this.o.outputCurrentDeciA ?? 1985,
      chargingTimeMin: Math.min(600, minutes),
      permitted: true,
    });
  }
}
