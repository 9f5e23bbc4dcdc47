// Argument schemas of registry commands: word splitting with quotes, durations, typed positional
// arguments with ranges and fixed values, and the usage text.
import { describe, expect, it } from 'vitest';
import { parseArgs, parseDurationMs, tokenize, usageOfArgs, type ArgSpec } from './command-args.js';

describe('tokenize', () => {
  it.each([
    ['status', ['status']],
    ['  meter   read  2 ', ['meter', 'read', '2']],
    ['whitelist find "沪A 32567"', ['whitelist', 'find', '沪A 32567']],
    ['say "a \\"quoted\\" word" x', ['say', 'a "quoted" word', 'x']],
    ['tab\tseparated', ['tab', 'separated']],
    ['empty "" arg', ['empty', '', 'arg']],
    ['', []],
  ])('%j → %j', (line, words) => {
    expect(tokenize(line)).toEqual({ ok: true, value: words });
  });

  it('rejects an unterminated quote', () => {
    expect(tokenize('find "abc')).toEqual({ ok: false, error: 'unterminated quote' });
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['10', null],
    ['1.5s', null],
    ['s', null],
  ])('%s → %s', (w, ms) => expect(parseDurationMs(w)).toBe(ms));
});

const specs: ArgSpec[] = [
  { name: 'state', kind: 'enum', values: ['idle', 'charging'] },
  { name: 'within', kind: 'duration' },
  { name: 'connector', kind: 'int', optional: true, min: 1, max: 2 },
];

describe('parseArgs', () => {
  it('parses required and optional arguments by kind', () => {
    expect(parseArgs(specs, ['charging', '10s'])).toEqual({ ok: true, value: { state: 'charging', within: 10_000, connector: undefined } });
    expect(parseArgs(specs, ['idle', '1m', '2'])).toEqual({ ok: true, value: { state: 'idle', within: 60_000, connector: 2 } });
  });

  it.each([
    [[], 'missing state'],
    [['charging'], 'missing within'],
    [['stopping', '10s'], 'state must be one of idle|charging, got "stopping"'],
    [['idle', 'soon'], 'within must be a duration like 500ms, 10s or 5m, got "soon"'],
    [['idle', '1s', 'x'], 'connector must be a whole number, got "x"'],
    [['idle', '1s', '3'], 'connector must be at most 2, got 3'],
    [['idle', '1s', '0'], 'connector must be at least 1, got 0'],
    [['idle', '1s', '1', 'extra'], 'unexpected "extra"'],
  ])('%j → %s', (words, message) => {
    expect(parseArgs(specs, words)).toEqual({ ok: false, error: message });
  });

  it('writes the usage with <required> and [optional] arguments', () => {
    expect(usageOfArgs(specs)).toBe('<idle|charging> <within> [connector]');
  });
});
