// The connector state's shape, walked at random: whatever events arrive in whatever order, a state
// holds a running session exactly in the phases that record one (starting, connecting, charging,
// stopping). The types say so; the dispatcher looks handlers up by phase, and this checks that the
// states it produces agree.
import { describe, expect, it } from 'vitest';
import { createSessionMachine } from './charging-session.machine.js';
import { MODE4_REFUSED, MODE4_START, TEST_SESSION_CONFIG, anAllowedDecision } from './session.fixture.js';
import { isSessionful } from './session-steps.js';
import type { ConnectorState, SessionEvent } from './session.types.js';

const EVENTS: readonly SessionEvent[] = [
  { type: 'card', cardNo: '3283263748' },
  { type: 'password', password: '123456' },
  { type: 'vin-button' },
  { type: 'remote-start', cardNo: '3283263748' },
  { type: 'remote-stop' },
  { type: 'credential-decided', decision: anAllowedDecision(), sessionId: 's-1', atMs: 1_000 },
  { type: 'credential-decided', decision: MODE4_START, sessionId: 's-2', atMs: 2_000 },
  { type: 'credential-decided', decision: MODE4_REFUSED, sessionId: 's-3', atMs: 3_000 },
  { type: 'stop-password-checked', fixed: true, stop: false },
  { type: 'stop-password-checked', fixed: false, stop: false },
  { type: 'meter-start', energyWh: 5_000 },
  { type: 'meter-start-failed', reason: 'timeout' },
  { type: 'vin-decided', decision: anAllowedDecision({ stage: 'vin' }) },
  { type: 'vin-decided', decision: MODE4_REFUSED },
  { type: 'link-stopping' },
  { type: 'charging-started' },
  { type: 'link-ended', outcome: 'stopped', reason: 'bms-stop' },
  { type: 'meter-sample', energyWh: 5_100, powerW: 60_000, atMs: 4_000 },
  { type: 'meter-stop', energyWh: 5_200 },
  { type: 'meter-stop', energyWh: null },
  { type: 'fault', code: 'meter.comm-loss', active: true },
  { type: 'fault', code: 'meter.comm-loss', active: false },
  ...(['authorize', 'connect', 'stop', 'keypad', 'reset'] as const).map((t): SessionEvent => ({ type: `timeout:${t}` })),
];

describe('connector state: a session exactly in the phases that record one', () => {
  it('holds over 200 random walks of 200 events, and the walks reach every phase', () => {
    const machine = createSessionMachine(TEST_SESSION_CONFIG);
    let seed = 12_345;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) % EVENTS.length;
    const seen = new Set<string>();
    for (let walk = 0; walk < 200; walk++) {
      let s: ConnectorState = machine.initial;
      for (let i = 0; i < 200; i++) {
        const e = EVENTS[next()];
        s = machine.transition(s, e).next;
        seen.add(s.phase);
        if ((s.session !== null) !== isSessionful(s.phase)) throw new Error(`after ${e.type}: phase ${s.phase} with session ${JSON.stringify(s.session)}`);
      }
    }
    expect([...seen].sort()).toEqual(['authorizing', 'charging', 'connecting', 'faulted', 'finished', 'idle', 'refused', 'starting', 'stopping']);
  });
});
