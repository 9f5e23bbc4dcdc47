// Property-style safety invariants of the charger machine over seeded random event sequences
// (reference §4.6 "Never: close K1/K2 … or send CRO 0xAA before the authorisation result is
// positive"; §4.4 no CRM 0xAA for a refused BMS). Deterministic: a fixed PRNG seed per run.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS_MS, type TimerName } from './charger-config.js';
import { CHARGER_TABLE, eventKey } from './charger.machine.js';
import { aBrm, aBsm, bms, ev, machine } from './charger-test-kit.js';
import type { ChargerEffect, ChargerEvent, ChargerState } from './charger-types.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL: ChargerEvent[] = [
  ev.start,
  ev.bhm,
  ev.insulationOk,
  { type: 'insulation-result', ok: false },
  ev.brm,
  ev.brm,
  bms(aBrm({ vin: 'LZYTBTE67K1012346' })),
  ev.allow,
  ev.refuse(),
  ev.bcp,
  ev.broReady,
  bms({ name: 'BRO', status: 'not-ready' }),
  ev.prechargeOk,
  { type: 'precharge-done', ok: false },
  ev.bcl,
  ev.bcs,
  bms(aBsm()),
  bms(aBsm({ chargingPermitted: 0 })),
  bms(aBsm({ connector: 1 })),
  ev.bst,
  ev.bsd,
  ev.bem,
  ev.stop('manual'),
  ev.stop('fault'),
  { type: 'output-measured', voltageDeciV: 6000, currentDeciA: 1500, chargingTimeMin: 3, energyWh: 4200 },
  ...(Object.keys(DEFAULT_TIMEOUTS_MS) as TimerName[]).map((t) => ev.timeout(t)),
];

/** Happy-path events are drawn more often so that walks reach charging (and its dangers). */
const HAPPY = new Set<ChargerEvent>([ev.start, ev.bhm, ev.insulationOk, ev.brm, ev.allow, ev.bcp, ev.broReady, ev.prechargeOk, ev.bcl, ev.bcs]);

interface Trace {
  effects: ChargerEffect[];
  final: ChargerState;
}

/** A random walk that prefers events the current phase reacts to, so sessions get deep. */
function randomSession(seed: number, steps: number, refusalCst: boolean): Trace {
  const m = machine({ refusalCst });
  const rnd = mulberry32(seed);
  let state = m.initial;
  const effects: ChargerEffect[] = [];
  for (let i = 0; i < steps; i++) {
    const relevant = POOL.filter((e) => {
      const key = eventKey(e);
      if (!(key in CHARGER_TABLE[state.phase])) return false;
      return !key.startsWith('timeout:') || state.timers.some((t) => `timeout:${t}` === key);
    });
    const from = relevant.length > 0 && rnd() < 0.9 ? relevant : POOL;
    const weights = from.map((e) => (HAPPY.has(e) ? 25 : 1));
    let pick = rnd() * weights.reduce((a, w) => a + w, 0);
    let k = 0;
    while (pick >= weights[k]) pick -= weights[k++];
    const e = from[k];
    const r = m.transition(state, e);
    state = r.next;
    effects.push(...r.effects);
  }
  return { effects, final: state };
}

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('charger machine invariants over random event sequences (§4.6)', () => {
  it.each([false, true])('no charging contactors, CRO 0xAA or CRM 0xAA without an allow; none after a refusal (refusalCst=%s)', (refusalCst) => {
    let deepSessions = 0;
    for (const seed of SEEDS) {
      const { effects } = randomSession(seed, 300, refusalCst);
      let allowed = false;
      let refused = false;
      let chargingClosed = false;
      for (const e of effects) {
        if (e.type === 'report' && e.report.kind === 'decision') {
          if (e.report.decision.allow) allowed = true;
          else refused = true;
        }
        if (e.type === 'contactors' && e.purpose === 'charging') {
          if (e.closed) expect(allowed, `seed ${seed}: K1/K2 charging before allow`).toBe(true);
          chargingClosed = e.closed;
        }
        if (e.type === 'send-periodic' && e.msg.name === 'CRM' && e.msg.recognized) {
          expect(allowed, `seed ${seed}: CRM 0xAA before allow`).toBe(true);
          expect(refused, `seed ${seed}: CRM 0xAA after refusal`).toBe(false);
        }
        if (e.type === 'send-periodic' && e.msg.name === 'CRO' && e.msg.status === 'ready') {
          expect(allowed && chargingClosed, `seed ${seed}: CRO 0xAA before allow + K1/K2`).toBe(true);
        }
        if (e.type === 'output-set') expect(chargingClosed, `seed ${seed}: output without K1/K2`).toBe(true);
      }
      if (effects.some((e) => e.type === 'contactors' && e.closed && e.purpose === 'charging')) deepSessions++;
    }
    // The walk must actually exercise the dangerous part of the machine.
    expect(deepSessions).toBeGreaterThan(20);
  });

  it("the machine's record of periodic messages and timers matches the effects it emitted", () => {
    for (const seed of SEEDS) {
      const { effects, final } = randomSession(seed, 200, seed % 2 === 0);
      const sending = new Set<string>();
      for (const e of effects) {
        if (e.type === 'send-periodic') sending.add(e.msg.name);
        if (e.type === 'stop-periodic') {
          expect(sending.has(e.name), `seed ${seed}: stop of ${e.name} that is not running`).toBe(true);
          sending.delete(e.name);
        }
      }
      expect([...sending].sort(), `seed ${seed}`).toEqual([...final.sending].sort());
    }
  });

  it('after the end: nothing is sent, no timer runs, K1/K2 open, output off, aux off, unlocked, no further effects', () => {
    let endedCount = 0;
    for (const seed of SEEDS) {
      const { effects, final } = randomSession(seed, 300, false);
      const endAt = effects.findIndex((e) => e.type === 'report' && e.report.kind === 'ended');
      if (endAt < 0) continue;
      endedCount++;
      expect(final.phase === 'ended' || final.phase === 'refused').toBe(true);
      expect(final).toMatchObject({ sending: [], timers: [], contactors: 'open', outputOn: false });
      expect(effects.slice(endAt + 1).every((e) => e.type === 'report' && e.report.kind === 'phase')).toBe(true);
      const lastAux = effects.filter((e) => e.type === 'aux-power').at(-1);
      const lastLock = effects.filter((e) => e.type === 'lock').at(-1);
      expect(lastAux).toEqual({ type: 'aux-power', on: false });
      expect(lastLock).toEqual({ type: 'lock', locked: false });
    }
    expect(endedCount).toBeGreaterThan(50);
  });
});
