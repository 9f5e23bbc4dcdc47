// The keypad lockout: 5 wrong passwords lock this connector's keypad for 5 minutes; fixed and stop
// passwords count alike; a right one resets the count; the lock ends with timeout:keypad. Through
// the machine, so the timer effect and the screen are checked too.
import { describe, expect, it } from 'vitest';
import type { AuthDecision } from '../authorization/authorize.types.js';
import { createSessionMachine, SESSION_IDLE } from './charging-session.machine.js';
import { KEYPAD_OPEN, keypadRight, keypadWrong } from './keypad-lockout.js';
import { anAllowedDecision, brief, inPhase, MODE4_ALLOWED, TEST_SESSION_CONFIG } from './session.fixture.js';
import type { ConnectorState, SessionEvent } from './session.types.js';

const machine = createSessionMachine(TEST_SESSION_CONFIG);
const wrongStart: AuthDecision = { ...anAllowedDecision({ mode: 1 }), verdict: 'refuse', reason: 'password-wrong' };

function run(s: ConnectorState, events: SessionEvent[]) {
  const effects: string[] = [];
  for (const e of events) {
    const step = machine.transition(s, e);
    s = step.next;
    effects.push(...step.effects.map(brief));
  }
  return { s, effects };
}

const wrongAtStart = (): SessionEvent[] => [
  { type: 'password', password: '0000' },
  { type: 'credential-decided', decision: wrongStart, sessionId: 'x', atMs: 0 },
];

describe('keypad lockout (pure)', () => {
  it('locks at exactly the 5th wrong password', () => {
    let s = KEYPAD_OPEN;
    const locked: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const r = keypadWrong(s, { maxFailures: 5, lockMs: 1 });
      s = r.state;
      locked.push(r.justLocked);
    }
    expect(locked).toEqual([false, false, false, false, true]);
  });

  it('a right password resets the count', () => {
    const s = keypadWrong(keypadWrong(KEYPAD_OPEN, { maxFailures: 5, lockMs: 1 }).state, { maxFailures: 5, lockMs: 1 }).state;
    expect(keypadRight(s)).toEqual(KEYPAD_OPEN);
  });
});

describe('keypad lockout through the session machine', () => {
  it('5 wrong fixed passwords → locked for 5 minutes, then a password is not even checked', () => {
    const { s, effects } = run(SESSION_IDLE, [...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart()]);
    expect(s.keypad.locked).toBe(true);
    expect(effects.filter((e) => e === 'start-timer:keypad')).toHaveLength(1);
    expect(effects).toContain('view:keypad-locked');
    const after = machine.transition(s, { type: 'password', password: '1234' });
    expect(after.effects.map(brief)).toEqual(['view:keypad-locked']);
    expect(after.next.phase).toBe(s.phase);
  });

  it('4 wrong then a right one → not locked, count reset', () => {
    const right = {
      type: 'credential-decided',
      decision: anAllowedDecision({ mode: 1, credential: { kind: 'fixed-password', cardNo: null, memberId: 'M', departmentId: null, fixedPasswordId: 'FP1' } }),
      sessionId: 'S',
      atMs: 0,
    } as const;
    const { s } = run(SESSION_IDLE, [...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart(), { type: 'password', password: 'ok' }, right]);
    expect(s.keypad).toEqual(KEYPAD_OPEN);
    expect(s.phase).toBe('starting');
  });

  it('stop passwords count too: 3 wrong at start + 2 wrong stop passwords lock the keypad', () => {
    let { s } = run(SESSION_IDLE, [...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart()]);
    s = { ...inPhase('charging', { decision: MODE4_ALLOWED }), keypad: s.keypad };
    const r = run(s, [
      { type: 'stop-password-checked', fixed: false, stop: false },
      { type: 'stop-password-checked', fixed: false, stop: false },
    ]);
    expect(r.s.keypad.locked).toBe(true);
    expect(r.s.phase).toBe('charging');
    // A card still stops nothing of mode 4, and the cloud still can: remote stop works while locked.
    expect(machine.transition(r.s, { type: 'remote-stop' }).next.phase).toBe('stopping');
  });

  it('timeout:keypad unlocks; the next password is checked again', () => {
    const { s } = run(SESSION_IDLE, [...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart(), ...wrongAtStart()]);
    const unlocked = machine.transition(s, { type: 'timeout:keypad' }).next;
    expect(unlocked.keypad).toEqual(KEYPAD_OPEN);
    expect(machine.transition({ ...unlocked, phase: 'idle', session: null }, { type: 'password', password: '1' }).next.phase).toBe('authorizing');
  });
});
