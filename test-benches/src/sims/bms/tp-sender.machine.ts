// The BMS as J1939-21 TP *sender* (reference §3.4 "BMS simulator (sender) rules"): RTS, wait for
// CTS (T3), send exactly the granted packets from the requested number, wait for EndOfMsgAck (T3);
// a hold CTS (0 packets) waits T4. A failure ends the transfer; the next period retries the whole
// message. Pure machine: effects name packets by sequence number, the runner turns them into frames
// with the codec's TP helpers. Misbehaviour knobs (RTS retries, old-style abort, abort mid-transfer)
// come from TpSenderPolicy so behaviours stay data.
import type { TpSenderPolicy } from './bms-settings.js';

export type TpSenderState =
  | { readonly s: 'idle'; readonly abortsLeft: number }
  | {
      readonly s: 'wait-cts' | 'wait-eoma';
      readonly abortsLeft: number;
      readonly pgn: number;
      readonly totalPackets: number;
      readonly rtsSent: number;
    };

export type TpSenderEvent =
  | { readonly type: 'start'; readonly pgn: number; readonly totalPackets: number }
  | { readonly type: 'cts'; readonly pgn: number; readonly count: number; readonly next: number }
  | { readonly type: 'eoma'; readonly pgn: number }
  | { readonly type: 'abort'; readonly pgn: number }
  /** The owning message's period came round while this transfer is still open. */
  | { readonly type: 'period' }
  | { readonly type: 'timeout' }
  /** The message stopped being sent (phase change): drop the transfer silently. */
  | { readonly type: 'cancel' };

export type TpFailure = 'cts-timeout' | 'eoma-timeout' | 'aborted-by-receiver' | 'aborted-by-sender' | 'bad-cts';

export type TpSenderEffect =
  | { readonly kind: 'send-rts' }
  | { readonly kind: 'send-dt'; readonly seqs: readonly number[] }
  /** reason null = old-style abort `FF FF FF FF FF` + PGN (§3.2). */
  | { readonly kind: 'send-abort'; readonly reason: number | null }
  | { readonly kind: 'start-timer'; readonly ms: number }
  | { readonly kind: 'cancel-timer' }
  | { readonly kind: 'done'; readonly pgn: number }
  | { readonly kind: 'failed'; readonly pgn: number; readonly reason: TpFailure };

export interface TpSenderTransition {
  readonly state: TpSenderState;
  readonly effects: readonly TpSenderEffect[];
}

/** J1939-21 abort reasons used by the sender (§3.2). */
export const ABORT_TIMEOUT = 3;
export const ABORT_OTHER = 250;

export const initialTpSender = (policy: TpSenderPolicy): TpSenderState => ({ s: 'idle', abortsLeft: policy.abortTransfers });

const same = (state: TpSenderState): TpSenderTransition => ({ state, effects: [] });

function fail(state: TpSenderState & { pgn: number }, reason: TpFailure, abort: number | null | undefined): TpSenderTransition {
  const effects: TpSenderEffect[] = [{ kind: 'cancel-timer' }];
  if (abort !== undefined) effects.push({ kind: 'send-abort', reason: abort });
  effects.push({ kind: 'failed', pgn: state.pgn, reason });
  return { state: { s: 'idle', abortsLeft: state.abortsLeft }, effects };
}

const abortReason = (policy: TpSenderPolicy, j1939: number): number | null => (policy.abortStyle === 'old-style' ? null : j1939);

export function tpSenderTransition(state: TpSenderState, e: TpSenderEvent, policy: TpSenderPolicy): TpSenderTransition {
  if (e.type === 'start') {
    // A new message while one is open replaces it (the receiver restarts on a new RTS, §3.4 rule 4).
    return {
      state: { s: 'wait-cts', abortsLeft: state.abortsLeft, pgn: e.pgn, totalPackets: e.totalPackets, rtsSent: 1 },
      effects: [{ kind: 'cancel-timer' }, { kind: 'send-rts' }, { kind: 'start-timer', ms: policy.t3Ms }],
    };
  }
  if (state.s === 'idle') return same(state);
  if (e.type === 'cancel') return { state: { s: 'idle', abortsLeft: state.abortsLeft }, effects: [{ kind: 'cancel-timer' }] };
  if (e.type === 'abort') return e.pgn === state.pgn ? fail(state, 'aborted-by-receiver', undefined) : same(state);
  if (e.type === 'timeout') {
    return fail(state, state.s === 'wait-cts' ? 'cts-timeout' : 'eoma-timeout', abortReason(policy, ABORT_TIMEOUT));
  }
  if (e.type === 'period') {
    if (state.s !== 'wait-cts') return same(state);
    if (state.rtsSent <= policy.rtsRetries) {
      return { state: { ...state, rtsSent: state.rtsSent + 1 }, effects: [{ kind: 'send-rts' }, { kind: 'start-timer', ms: policy.t3Ms }] };
    }
    return policy.rtsRetries > 0 ? fail(state, 'cts-timeout', abortReason(policy, ABORT_TIMEOUT)) : same(state);
  }
  if (e.type === 'eoma') {
    if (e.pgn !== state.pgn || state.s !== 'wait-eoma') return same(state);
    return { state: { s: 'idle', abortsLeft: state.abortsLeft }, effects: [{ kind: 'cancel-timer' }, { kind: 'done', pgn: state.pgn }] };
  }
  // CTS
  if (e.pgn !== state.pgn) return same(state);
  if (e.count === 0) return { state: { ...state, s: 'wait-cts' }, effects: [{ kind: 'start-timer', ms: policy.t4Ms }] }; // hold
  const last = e.next + e.count - 1;
  if (e.next < 1 || last > state.totalPackets) return fail(state, 'bad-cts', abortReason(policy, ABORT_OTHER));
  const seqs = Array.from({ length: e.count }, (_, i) => e.next + i);
  if (policy.abortAfterPackets !== null && state.abortsLeft > 0) {
    const sent = seqs.filter((n) => n <= policy.abortAfterPackets!);
    const aborted = fail({ ...state, abortsLeft: state.abortsLeft - 1 }, 'aborted-by-sender', abortReason(policy, ABORT_OTHER));
    return { state: aborted.state, effects: [...(sent.length ? [{ kind: 'send-dt', seqs: sent } as const] : []), ...aborted.effects] };
  }
  const complete = last === state.totalPackets;
  return {
    state: { ...state, s: complete ? 'wait-eoma' : 'wait-cts' },
    effects: [
      { kind: 'send-dt', seqs },
      { kind: 'start-timer', ms: policy.t3Ms },
    ],
  };
}
