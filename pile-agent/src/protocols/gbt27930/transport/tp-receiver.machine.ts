// The charger as J1939-21 TP receiver (GB/T 27930-2015 §6 / reference §3.4 rules 1–6), as a pure
// machine: (state, event) → {state, effects}. Events are TP.CM / TP.DT frames *from the BMS* (the
// caller filters on SA 0xF4) and `timeout:T1` / `timeout:T2`; effects are data (send a TP.CM, deliver
// {pgn, data}, start/cancel a timer, discarded {reason}, ignored {reason}). `start-timer` restarts a
// running timer of that name; at most one of T1/T2 is armed, and a stale timeout is ignored.
// Gap policy: a gap is Abort 7, a duplicate Abort 8 (the sender retries the whole message at its next
// period, §3.4 sender rules), except an identical repeat of the last packet (CAN double reception),
// which is ignored. Any new RTS or BAM restarts the session, whatever its PGN (one BMS, one sender).
import { TP_MAX_SIZE_BYTES } from '../pgn-table.js';
import { decodeTpCm, decodeTpDt, NO_PACKET_LIMIT, packetsFor, TP_ABORT_REASON, type TpCm } from './tp-cm.js';

export interface TpReceiverConfig {
  /** Our own cap on packets per CTS (1..255); the grant is min(this, RTS byte 5, remaining). */
  readonly maxPacketsPerCts: number;
  /** Receiver gap between DT packets (J1939 T1). */
  readonly t1Ms: number;
  /** Receiver wait from CTS to the first DT (J1939 T2). */
  readonly t2Ms: number;
}

export const DEFAULT_TP_RECEIVER_CONFIG: TpReceiverConfig = { maxPacketsPerCts: 255, t1Ms: 750, t2Ms: 1250 };

export type TpTimer = 'T1' | 'T2';

export interface TpSession {
  readonly mode: 'cts' | 'bam';
  readonly pgn: number;
  readonly sizeBytes: number;
  readonly packets: number;
  /** Cap from RTS byte 5 combined with ours. */
  readonly perCts: number;
  readonly nextSeq: number;
  /** Last packet number granted by the current CTS (= packets for BAM). */
  readonly windowEnd: number;
  /** packets × 7 bytes, filled in order. */
  readonly buffer: Uint8Array;
  readonly timer: TpTimer;
}

export type TpReceiverState = { readonly phase: 'idle' } | ({ readonly phase: 'receiving' } & TpSession);

export const TP_RECEIVER_IDLE: TpReceiverState = { phase: 'idle' };

export type TpReceiverEvent =
  | { readonly type: 'cm'; readonly data: Uint8Array }
  | { readonly type: 'dt'; readonly data: Uint8Array }
  | { readonly type: 'timeout:T1' }
  | { readonly type: 'timeout:T2' };

export type TpDiscardReason = 'restarted' | 'aborted-by-sender' | 'timeout' | 'bad-sequence' | 'duplicate-sequence' | 'oversize' | 'inconsistent-rts';

export type TpReceiverEffect =
  | { readonly type: 'send'; readonly cm: TpCm }
  | { readonly type: 'deliver'; readonly pgn: number; readonly data: Uint8Array }
  | { readonly type: 'start-timer'; readonly timer: TpTimer; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: TpTimer }
  | { readonly type: 'discarded'; readonly pgn: number; readonly reason: TpDiscardReason }
  | { readonly type: 'ignored'; readonly reason: string };

export interface TpReceiverStep {
  readonly state: TpReceiverState;
  readonly effects: readonly TpReceiverEffect[];
}

type Receiving = Extract<TpReceiverState, { phase: 'receiving' }>;
const IDLE = TP_RECEIVER_IDLE;
const stay = (state: TpReceiverState, ...effects: TpReceiverEffect[]): TpReceiverStep => ({ state, effects });

export function tpReceive(s: TpReceiverState, e: TpReceiverEvent, c: TpReceiverConfig = DEFAULT_TP_RECEIVER_CONFIG): TpReceiverStep {
  switch (e.type) {
    case 'cm':
      return onCm(s, e.data, c);
    case 'dt':
      return onDt(s, e.data, c);
    case 'timeout:T1':
    case 'timeout:T2':
      return onTimeout(s, e.type === 'timeout:T1' ? 'T1' : 'T2');
  }
}

/** Discards the open session (if any) before something new starts: rule 4. */
function closeFor(s: TpReceiverState, reason: TpDiscardReason): TpReceiverEffect[] {
  return s.phase === 'receiving'
    ? [
        { type: 'cancel-timer', timer: s.timer },
        { type: 'discarded', pgn: s.pgn, reason },
      ]
    : [];
}

function onCm(s: TpReceiverState, data: Uint8Array, c: TpReceiverConfig): TpReceiverStep {
  const r = decodeTpCm(data);
  if (!r.ok) return stay(s, { type: 'ignored', reason: r.error.code });
  const cm = r.value;
  switch (cm.type) {
    case 'rts':
    case 'bam':
      return open(s, cm, c);
    case 'abort': // rule 5
      if (s.phase !== 'receiving' || s.pgn !== cm.pgn) return stay(s, { type: 'ignored', reason: 'abort-without-session' });
      return stay(IDLE, ...closeFor(s, 'aborted-by-sender'));
    default: // CTS / EoMA travel the other way; a BMS sending them is not our business
      return stay(s, { type: 'ignored', reason: `unexpected-${cm.type}` });
  }
}

/** Rule 1: RTS / BAM checks, allocation, first CTS (RTS) or T1 (BAM). */
function open(s: TpReceiverState, cm: Extract<TpCm, { type: 'rts' | 'bam' }>, c: TpReceiverConfig): TpReceiverStep {
  const effects = closeFor(s, 'restarted');
  const bam = cm.type === 'bam';
  const fail = (reason: TpDiscardReason, abortReason: number): TpReceiverStep => {
    if (!bam) effects.push({ type: 'send', cm: { type: 'abort', reason: abortReason, pgn: cm.pgn } });
    effects.push({ type: 'discarded', pgn: cm.pgn, reason });
    return { state: IDLE, effects };
  };
  if (cm.sizeBytes > TP_MAX_SIZE_BYTES) return fail('oversize', TP_ABORT_REASON.messageTooLarge);
  if (cm.sizeBytes < 1 || cm.packets < packetsFor(cm.sizeBytes)) return fail('inconsistent-rts', TP_ABORT_REASON.other);
  const rtsCap = bam || cm.maxPacketsPerCts === NO_PACKET_LIMIT || cm.maxPacketsPerCts === 0 ? 255 : cm.maxPacketsPerCts;
  const perCts = Math.max(1, Math.min(rtsCap, c.maxPacketsPerCts));
  const windowEnd = bam ? cm.packets : Math.min(cm.packets, perCts);
  const timer: TpTimer = bam ? 'T1' : 'T2';
  const state: Receiving = {
    phase: 'receiving',
    mode: bam ? 'bam' : 'cts',
    pgn: cm.pgn,
    sizeBytes: cm.sizeBytes,
    packets: cm.packets,
    perCts,
    nextSeq: 1,
    windowEnd,
    buffer: new Uint8Array(cm.packets * 7),
    timer,
  };
  if (!bam) effects.push({ type: 'send', cm: { type: 'cts', packets: windowEnd, nextPacket: 1, pgn: cm.pgn } });
  effects.push({ type: 'start-timer', timer, ms: bam ? c.t1Ms : c.t2Ms });
  return { state, effects };
}

/** Rules 2–3: in-sequence packets only; window end → next CTS or EndOfMsgAck + deliver. */
function onDt(s: TpReceiverState, data: Uint8Array, c: TpReceiverConfig): TpReceiverStep {
  if (s.phase !== 'receiving') return stay(s, { type: 'ignored', reason: 'dt-without-session' });
  const r = decodeTpDt(data);
  if (!r.ok) return stay(s, { type: 'ignored', reason: r.error.code });
  const { sequence, payload } = r.value;
  if (sequence !== s.nextSeq) return outOfSequence(s, sequence, payload);
  const buffer = s.buffer.slice();
  buffer.set(payload, (sequence - 1) * 7);
  const next: Receiving = { ...s, buffer, nextSeq: sequence + 1 };
  if (sequence === s.packets) {
    const effects: TpReceiverEffect[] = [{ type: 'cancel-timer', timer: s.timer }];
    if (s.mode === 'cts') effects.push({ type: 'send', cm: { type: 'eoma', sizeBytes: s.sizeBytes, packets: s.packets, pgn: s.pgn } });
    effects.push({ type: 'deliver', pgn: s.pgn, data: buffer.slice(0, s.sizeBytes) });
    return { state: IDLE, effects };
  }
  if (s.mode === 'cts' && sequence === s.windowEnd) {
    const grant = Math.min(s.packets - sequence, s.perCts);
    return {
      state: { ...next, windowEnd: sequence + grant, timer: 'T2' },
      effects: [
        { type: 'cancel-timer', timer: s.timer },
        { type: 'send', cm: { type: 'cts', packets: grant, nextPacket: sequence + 1, pgn: s.pgn } },
        { type: 'start-timer', timer: 'T2', ms: c.t2Ms },
      ],
    };
  }
  const effects: TpReceiverEffect[] = s.timer === 'T1' ? [] : [{ type: 'cancel-timer', timer: s.timer }];
  effects.push({ type: 'start-timer', timer: 'T1', ms: c.t1Ms });
  return { state: { ...next, timer: 'T1' }, effects };
}

function outOfSequence(s: Receiving, sequence: number, payload: Uint8Array): TpReceiverStep {
  const last = sequence === s.nextSeq - 1;
  if (last && payload.every((b, i) => b === s.buffer[(sequence - 1) * 7 + i])) {
    return stay(s, { type: 'ignored', reason: 'repeated-packet' });
  }
  const duplicate = sequence < s.nextSeq;
  const effects: TpReceiverEffect[] = [{ type: 'cancel-timer', timer: s.timer }];
  if (s.mode === 'cts') {
    const reason = duplicate ? TP_ABORT_REASON.duplicateSequence : TP_ABORT_REASON.badSequence;
    effects.push({ type: 'send', cm: { type: 'abort', reason, pgn: s.pgn } });
  }
  effects.push({ type: 'discarded', pgn: s.pgn, reason: duplicate ? 'duplicate-sequence' : 'bad-sequence' });
  return { state: IDLE, effects };
}

/** Rule 6: T1/T2 expiry → Abort reason 3 (no Abort for BAM) and discard. */
function onTimeout(s: TpReceiverState, timer: TpTimer): TpReceiverStep {
  if (s.phase !== 'receiving' || s.timer !== timer) return stay(s, { type: 'ignored', reason: `stale-timeout-${timer}` });
  const effects: TpReceiverEffect[] = [];
  if (s.mode === 'cts') effects.push({ type: 'send', cm: { type: 'abort', reason: TP_ABORT_REASON.timeout, pgn: s.pgn } });
  effects.push({ type: 'discarded', pgn: s.pgn, reason: 'timeout' });
  return { state: IDLE, effects };
}
