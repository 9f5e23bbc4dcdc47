// The charger's TP receiver machine (reference §3.4 rules 1–6) as tables of {from, event, effects}:
// vector A end to end (it must emit exactly rows 5, 13, 16, 19, 28, 31), then every edge case.
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../shared/hex.js';
import { pgnOfId } from '../can-id.js';
import { PGN_TP_CM, PGN_TP_DT } from '../pgn-table.js';
import { VECTOR_A, frameOfRow } from '../fixtures/index.js';
import { decodeMessage } from '../messages/index.js';
import { encodeTpCm } from './tp-cm.js';
import { DEFAULT_TP_RECEIVER_CONFIG, TP_RECEIVER_IDLE, tpReceive, type TpReceiverConfig, type TpReceiverEffect, type TpReceiverEvent, type TpReceiverState } from './tp-receiver.machine.js';

const cm = (h: string): TpReceiverEvent => ({ type: 'cm', data: hex(h) });
const dt = (h: string): TpReceiverEvent => ({ type: 'dt', data: hex(h) });

function run(events: TpReceiverEvent[], config: TpReceiverConfig = DEFAULT_TP_RECEIVER_CONFIG, from: TpReceiverState = TP_RECEIVER_IDLE) {
  let state = from;
  const effects: TpReceiverEffect[] = [];
  for (const e of events) {
    const step = tpReceive(state, e, config);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

/** Effects in a compact comparable form: sends as hex, deliveries as pgn:hex. */
const brief = (effects: readonly TpReceiverEffect[]) =>
  effects.map((e) => {
    switch (e.type) {
      case 'send':
        return `send ${toHex(encodeTpCm(e.cm))}`;
      case 'deliver':
        return `deliver ${e.pgn.toString(16)}:${toHex(e.data)}`;
      case 'start-timer':
        return `start ${e.timer} ${e.ms}`;
      case 'cancel-timer':
        return `cancel ${e.timer}`;
      case 'discarded':
        return `discarded ${e.reason}`;
      case 'ignored':
        return `ignored ${e.reason}`;
    }
  });

const sends = (effects: readonly TpReceiverEffect[]) => brief(effects).filter((s) => s.startsWith('send'));

const RTS_BCS = '10090002FF001100';
const DT1_BCS = '012017DF074C1124';
const DT2_BCS = '025F00FFFFFFFFFF';
const BCS = '2017DF074C11245F00';

describe('§3.4 TP receiver fed vector A (§7.1)', () => {
  const bmsTp = VECTOR_A.filter((r) => r.dir === 'B→C' && [PGN_TP_CM, PGN_TP_DT].includes(pgnOfId(frameOfRow(r).id)));
  const events = bmsTp.map((r): TpReceiverEvent => {
    const f = frameOfRow(r);
    return { type: pgnOfId(f.id) === PGN_TP_CM ? 'cm' : 'dt', data: f.data };
  });
  const { state, effects } = run(events);

  it('emits exactly rows 5, 13, 16, 19, 28, 31 and ends idle', () => {
    const want = VECTOR_A.filter((r) => [5, 13, 16, 19, 28, 31].includes(r.row as number)).map((r) => `send ${r.frame.split('#')[1]}`);
    expect(sends(effects)).toEqual(want);
    expect(state).toEqual(TP_RECEIVER_IDLE);
  });

  it('delivers BRM, BCP and BCS with their first `size` bytes only (padding dropped)', () => {
    const delivered = effects.flatMap((e) => (e.type === 'deliver' ? [e] : []));
    expect(delivered.map((d) => [d.pgn, d.data.length])).toEqual([
      [0x200, 49],
      [0x600, 13],
      [0x1100, 9],
    ]);
    const brm = decodeMessage(0x200, delivered[0].data);
    expect(brm.ok && brm.value.name === 'BRM' && brm.value.vin).toBe('LZYTBTE65K1012345');
  });

  it('arms T2 after each CTS, T1 between packets, and cancels at the end', () => {
    expect(brief(run([cm(RTS_BCS), dt(DT1_BCS), dt(DT2_BCS)]).effects)).toEqual([
      'send 110201FFFF001100',
      'start T2 1250',
      'cancel T2',
      'start T1 750',
      'cancel T1',
      'send 13090002FF001100',
      `deliver 1100:${BCS}`,
    ]);
  });
});

describe('§3.4 rule 1: RTS checks and CTS windows', () => {
  it.each([
    ['RTS byte 5 limits the window to 3 of 7', '10310007 03 000200', 255, ['send 110301FFFF000200']],
    ['our configured max per CTS limits it to 2', '10310007 FF 000200', 2, ['send 110201FFFF000200']],
    ['oversize (> 1785) → Abort 9', '10FA0600 FF 000200', 255, ['send FF09FFFFFF000200']],
    ['size 0 → Abort 250', '10000000 FF 000200', 255, ['send FFFAFFFFFF000200']],
    ['packets < ceil(size/7) → Abort 250', '10310006 FF 000200', 255, ['send FFFAFFFFFF000200']],
  ])('%s', (_n, rts, maxPacketsPerCts, want) => {
    const r = run([cm(rts)], { ...DEFAULT_TP_RECEIVER_CONFIG, maxPacketsPerCts });
    expect(sends(r.effects)).toEqual(want);
  });

  it('a 7-packet BRM in windows of 3: CTS 3@1, 3@4, 1@7, then EndOfMsgAck', () => {
    const dts = VECTOR_A.slice(5, 12).map((r) => dt(r.frame.split('#')[1]));
    const r = run([cm('10310007FF000200'), ...dts], { ...DEFAULT_TP_RECEIVER_CONFIG, maxPacketsPerCts: 3 });
    expect(sends(r.effects)).toEqual(['send 110301FFFF000200', 'send 110304FFFF000200', 'send 110107FFFF000200', 'send 13310007FF000200']);
    expect(r.effects.filter((e) => e.type === 'deliver')).toHaveLength(1);
  });

  it('oversize and inconsistent RTS are discarded with a reason, state idle', () => {
    const r = run([cm('10FA0600FF000200')]);
    expect(brief(r.effects)).toContain('discarded oversize');
    expect(r.state).toEqual(TP_RECEIVER_IDLE);
  });
});

describe('§3.4 rule 2: sequence, gaps and duplicates', () => {
  it.each([
    ['gap (DT 2 before DT 1) → Abort 7', [dt(DT2_BCS)], ['send FF07FFFFFF001100'], 'discarded bad-sequence'],
    ['older duplicate with other bytes → Abort 8', [dt(DT1_BCS), dt('01000000000000FF')], ['send FF08FFFFFF001100'], 'discarded duplicate-sequence'],
    ['identical repeat of the last packet (CAN double reception) is ignored', [dt(DT1_BCS), dt(DT1_BCS), dt(DT2_BCS)], ['send 13090002FF001100'], `deliver 1100:${BCS}`],
    ['sequence beyond the message → Abort 7', [dt('09FFFFFFFFFFFFFF')], ['send FF07FFFFFF001100'], 'discarded bad-sequence'],
  ])('%s', (_n, evs, wantSends, wantLast) => {
    const r = run([cm(RTS_BCS), ...evs]);
    expect(sends(r.effects).slice(1)).toEqual(wantSends);
    expect(brief(r.effects).at(-1)).toBe(wantLast);
  });

  it('a DT without a session, a malformed DT and a CTS from the BMS are ignored with a reason', () => {
    expect(brief(run([dt(DT1_BCS)]).effects)).toEqual(['ignored dt-without-session']);
    expect(brief(run([cm(RTS_BCS), dt('0120')]).effects).at(-1)).toBe('ignored tp-dt.length');
    expect(brief(run([cm('110201FFFF001100')]).effects)).toEqual(['ignored unexpected-cts']);
  });
});

describe('§3.4 rule 4: new RTS mid-transfer', () => {
  it('discards the open session and starts the new one (BRM re-sent every 250 ms)', () => {
    const r = run([cm('10310007FF000200'), dt('0101010003F00A80'), cm('10310007FF000200')]);
    expect(brief(r.effects).slice(-4)).toEqual(['cancel T1', 'discarded restarted', 'send 110701FFFF000200', 'start T2 1250']);
    expect(r.state.phase === 'receiving' && r.state.nextSeq).toBe(1);
  });
});

describe('§3.4 rule 5: Abort from the BMS', () => {
  it('old-style abort FF FF FF FF FF (§7.4) discards the partial BRM silently', () => {
    const r = run([cm('10310007FF000200'), dt('0101010003F00A80'), cm('FFFFFFFFFF000200')]);
    expect(brief(r.effects).slice(-2)).toEqual(['cancel T1', 'discarded aborted-by-sender']);
    expect(sends(r.effects)).toEqual(['send 110701FFFF000200']);
    expect(r.state).toEqual(TP_RECEIVER_IDLE);
  });

  it('an abort for another PGN or without a session is ignored', () => {
    expect(brief(run([cm(RTS_BCS), cm('FFFFFFFFFF000200')]).effects).at(-1)).toBe('ignored abort-without-session');
    expect(brief(run([cm('FF03FFFFFF000200')]).effects)).toEqual(['ignored abort-without-session']);
  });
});

describe('§3.4 rule 6: T1 / T2 expiry', () => {
  it.each([
    ['T2 (no DT after CTS) → Abort 3', [cm(RTS_BCS), { type: 'timeout:T2' } as const]],
    ['T1 (gap between DTs) → Abort 3', [cm(RTS_BCS), dt(DT1_BCS), { type: 'timeout:T1' } as const]],
  ])('%s', (_n, evs) => {
    const r = run(evs);
    expect(brief(r.effects).slice(-2)).toEqual(['send FF03FFFFFF001100', 'discarded timeout']);
    expect(r.state).toEqual(TP_RECEIVER_IDLE);
  });

  it('a stale timeout (the other timer, or when idle) changes nothing', () => {
    const open = run([cm(RTS_BCS)]);
    const stale = tpReceive(open.state, { type: 'timeout:T1' });
    expect(stale.state).toBe(open.state);
    expect(brief(stale.effects)).toEqual(['ignored stale-timeout-T1']);
    expect(tpReceive(TP_RECEIVER_IDLE, { type: 'timeout:T2' }).state).toBe(TP_RECEIVER_IDLE);
  });
});

describe('§3.2 BAM accepted (no CTS; T1 between packets)', () => {
  it('delivers without sending anything', () => {
    const r = run([cm('20090002FF001100'), dt(DT1_BCS), dt(DT2_BCS)]);
    expect(brief(r.effects)).toEqual(['start T1 750', 'start T1 750', 'cancel T1', `deliver 1100:${BCS}`]);
  });

  it('a BAM gap or T1 expiry discards silently (no Abort for broadcasts)', () => {
    expect(brief(run([cm('20090002FF001100'), dt(DT2_BCS)]).effects).slice(-1)).toEqual(['discarded bad-sequence']);
    expect(sends(run([cm('20090002FF001100'), { type: 'timeout:T1' }]).effects)).toEqual([]);
  });
});

describe('purity', () => {
  it('never mutates the previous state', () => {
    const a = run([cm(RTS_BCS)]).state;
    const snapshot = a.phase === 'receiving' ? toHex(a.buffer) : '';
    tpReceive(a, dt(DT1_BCS));
    expect(a.phase === 'receiving' && toHex(a.buffer)).toBe(snapshot);
  });
});
