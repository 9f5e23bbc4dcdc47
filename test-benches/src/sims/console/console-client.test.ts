// The bench console client's answer parsing: echo and prompt removed, error lines mark a failed
// answer, both prompts recognised.
import { describe, expect, it } from 'vitest';
import { parseAnswer, PROMPT } from './console-client.js';

describe('parseAnswer', () => {
  it('drops the echoed command and the prompt', () => {
    expect(parseAnswer('whitelist\r\nversion: 42\r\ncounts\r\nP1> ')).toEqual({ ok: true, lines: ['version: 42', 'counts'], prompt: 'P1> ' });
  });

  it('marks an answer with an error line as failed', () => {
    expect(parseAnswer('reboot\r\nerror: unknown command "reboot" (try "help")\r\nP1> ')).toMatchObject({ ok: false, prompt: 'P1> ' });
  });

  it('recognises the PIN prompt after a masked echo', () => {
    expect(parseAnswer('****\r\nwrong PIN (4 tries left before a lockout)\r\nPIN: ')).toEqual({
      ok: true,
      lines: ['wrong PIN (4 tries left before a lockout)'],
      prompt: 'PIN: ',
    });
  });

  it('the prompt pattern needs the prompt at the very end of a line start', () => {
    expect(PROMPT.test('x\r\nP-TEST-1> ')).toBe(true);
    expect(PROMPT.test('PIN: ')).toBe(true);
    expect(PROMPT.test('a -> b ')).toBe(false);
    expect(PROMPT.test('P1> status')).toBe(false);
  });
});
