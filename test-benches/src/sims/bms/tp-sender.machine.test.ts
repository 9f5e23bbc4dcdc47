// The BMS's TP sender (reference §3.4 "BMS simulator (sender) rules") as a table of
// {from, event, to, effects}, including the misbehaviour knobs the behaviours use.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import { describe, expect, it } from 'vitest';
import { DEFAULT_TP_POLICY, type TpSenderPolicy } from './bms-settings.js';
import { initialTpSender, tpSenderTransition, type TpSenderEffect, type TpSenderEvent, type TpSenderState } from './tp-sender.machine.js';

const BRM = 0x000200;
const idle: TpSenderState = { s: 'idle', abortsLeft: 0 };
const waitCts = (extra: Partial<Exclude<TpSenderState, { s: 'idle' }>> = {}): TpSenderState => ({
  s: 'wait-cts', abortsLeft: 0, pgn: BRM, totalPackets: 7, rtsSent: 1, ...extra,
});
const waitEoma: TpSenderState = { s: 'wait-eoma', abortsLeft: 0, pgn: BRM, totalPackets: 7, rtsSent: 1 };
const cts = (count: number, next: number, pgn = BRM): TpSenderEvent => ({ type: 'cts', pgn, count, next });

interface Row {
  readonly name: string;
  readonly from: TpSenderState;
  readonly event: TpSenderEvent;
  readonly policy?: Partial<TpSenderPolicy>;
  readonly to: TpSenderState['s'];
  readonly effects: readonly TpSenderEffect[];
}

const rows: Row[] = [
  { name: '§3.4 start: RTS, then wait T3 for CTS', from: idle, event: { type: 'start', pgn: BRM, totalPackets: 7 }, to: 'wait-cts', effects: [{ kind: 'cancel-timer' }, { kind: 'send-rts' }, { kind: 'start-timer', ms: 1250 }] },
  { name: '§3.4 a new message while one is open replaces it (rule 4 on the receiver side)', from: waitEoma, event: { type: 'start', pgn: 0x000600, totalPackets: 2 }, to: 'wait-cts', effects: [{ kind: 'cancel-timer' }, { kind: 'send-rts' }, { kind: 'start-timer', ms: 1250 }] },
  { name: '§3.4 CTS 7 from 1: exactly the granted packets, then wait T3 for EndOfMsgAck', from: waitCts(), event: cts(7, 1), to: 'wait-eoma', effects: [{ kind: 'send-dt', seqs: [1, 2, 3, 4, 5, 6, 7] }, { kind: 'start-timer', ms: 1250 }] },
  { name: '§3.4 a smaller window: packets 1–3, then wait for the next CTS', from: waitCts(), event: cts(3, 1), to: 'wait-cts', effects: [{ kind: 'send-dt', seqs: [1, 2, 3] }, { kind: 'start-timer', ms: 1250 }] },
  { name: '§3.4 the next CTS window from the requested packet number', from: waitCts(), event: cts(4, 4), to: 'wait-eoma', effects: [{ kind: 'send-dt', seqs: [4, 5, 6, 7] }, { kind: 'start-timer', ms: 1250 }] },
  { name: 'J1939 retransmission: a CTS after the last packet re-sends the requested one', from: waitEoma, event: cts(1, 5), to: 'wait-cts', effects: [{ kind: 'send-dt', seqs: [5] }, { kind: 'start-timer', ms: 1250 }] },
  { name: '§3.4 hold CTS (0 packets): wait T4', from: waitCts(), event: cts(0, 1), to: 'wait-cts', effects: [{ kind: 'start-timer', ms: 1050 }] },
  { name: 'a CTS for another PGN is ignored', from: waitCts(), event: cts(7, 1, 0x000600), to: 'wait-cts', effects: [] },
  { name: 'a CTS beyond the message aborts (reason 250)', from: waitCts(), event: cts(3, 6), to: 'idle', effects: [{ kind: 'cancel-timer' }, { kind: 'send-abort', reason: 250 }, { kind: 'failed', pgn: BRM, reason: 'bad-cts' }] },
  { name: '§3.4 EndOfMsgAck completes the transfer', from: waitEoma, event: { type: 'eoma', pgn: BRM }, to: 'idle', effects: [{ kind: 'cancel-timer' }, { kind: 'done', pgn: BRM }] },
  { name: 'an EndOfMsgAck before the data is ignored', from: waitCts(), event: { type: 'eoma', pgn: BRM }, to: 'wait-cts', effects: [] },
  { name: '§3.4 T3 without CTS: Abort reason 3, retry at the next period', from: waitCts(), event: { type: 'timeout' }, to: 'idle', effects: [{ kind: 'cancel-timer' }, { kind: 'send-abort', reason: 3 }, { kind: 'failed', pgn: BRM, reason: 'cts-timeout' }] },
  { name: '§3.4 T3 without EndOfMsgAck: Abort reason 3', from: waitEoma, event: { type: 'timeout' }, to: 'idle', effects: [{ kind: 'cancel-timer' }, { kind: 'send-abort', reason: 3 }, { kind: 'failed', pgn: BRM, reason: 'eoma-timeout' }] },
  { name: '§3.4 rule 5 mirror: an Abort from the charger ends the transfer silently', from: waitEoma, event: { type: 'abort', pgn: BRM }, to: 'idle', effects: [{ kind: 'cancel-timer' }, { kind: 'failed', pgn: BRM, reason: 'aborted-by-receiver' }] },
  { name: 'default policy: the next period while waiting for CTS changes nothing', from: waitCts(), event: { type: 'period' }, to: 'wait-cts', effects: [] },
  { name: 'cts-ignored: the next period repeats the RTS', from: waitCts(), event: { type: 'period' }, policy: { rtsRetries: 2 }, to: 'wait-cts', effects: [{ kind: 'send-rts' }, { kind: 'start-timer', ms: 1250 }] },
  { name: '§7.6 cts-ignored: retries spent → old-style abort', from: waitCts({ rtsSent: 3 }), event: { type: 'period' }, policy: { rtsRetries: 2, abortStyle: 'old-style' }, to: 'idle', effects: [{ kind: 'cancel-timer' }, { kind: 'send-abort', reason: null }, { kind: 'failed', pgn: BRM, reason: 'cts-timeout' }] },
  { name: '§7.4 abort-mid-transfer: 3 packets then the old-style abort', from: waitCts({ abortsLeft: 1 }), event: cts(7, 1), policy: { abortAfterPackets: 3, abortTransfers: 1, abortStyle: 'old-style' }, to: 'idle', effects: [{ kind: 'send-dt', seqs: [1, 2, 3] }, { kind: 'cancel-timer' }, { kind: 'send-abort', reason: null }, { kind: 'failed', pgn: BRM, reason: 'aborted-by-sender' }] },
  { name: 'abort-mid-transfer: once the aborts are used up, transfers complete', from: waitCts({ abortsLeft: 0 }), event: cts(7, 1), policy: { abortAfterPackets: 3, abortTransfers: 1 }, to: 'wait-eoma', effects: [{ kind: 'send-dt', seqs: [1, 2, 3, 4, 5, 6, 7] }, { kind: 'start-timer', ms: 1250 }] },
  { name: 'cancel drops the transfer without a frame', from: waitEoma, event: { type: 'cancel' }, to: 'idle', effects: [{ kind: 'cancel-timer' }] },
  { name: 'events in idle are ignored', from: idle, event: cts(7, 1), to: 'idle', effects: [] },
];

describe('TP sender (reference §3.4)', () => {
  it.each(rows)('$name', (row) => {
    const tr = tpSenderTransition(row.from, row.event, { ...DEFAULT_TP_POLICY, ...row.policy });
    expect(tr.state.s).toBe(row.to);
    expect(tr.effects).toEqual(row.effects);
  });

  it('the abort counter comes from the policy and goes down with each aborted transfer', () => {
    const policy = { ...DEFAULT_TP_POLICY, abortAfterPackets: 0, abortTransfers: 2 };
    let s = initialTpSender(policy);
    expect(s.abortsLeft).toBe(2);
    for (const left of [1, 0]) {
      s = tpSenderTransition(s, { type: 'start', pgn: BRM, totalPackets: 7 }, policy).state;
      const tr = tpSenderTransition(s, cts(7, 1), policy);
      expect(tr.effects[0]).toEqual({ kind: 'cancel-timer' }); // 0 packets, straight to the abort
      s = tr.state;
      expect(s.abortsLeft).toBe(left);
    }
  });
});
