// The password rules: long enough, not guessable from a short list, the username or a keyboard run.
import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it.each([
    ['12345678', /10–200/],
    ['1234567890', /run/],
    ['0987654321', /run/],
    ['qwertyuiop', /run/],
    ['12341234123412341234', /5 different/],
    ['1234567890123', /run/],
    ['asdfghjklasdf', /run/],
    ['aaaaaaaaaaaa', /5 different/],
    ['ababababab12', /5 different/],
    ['Password2024!', /commonly guessed/],
    ['pilegate123456', /commonly guessed/],
    ['Dispatch2024!', /username/],
    ['x'.repeat(201), /10–200/],
  ])('refuses %j', (pw, why) => {
    expect(passwordProblem(pw, 'dispatch')).toMatch(why);
  });

  it.each(['admin-pass-123', 'dispatch-fleet-7x', 'correct horse battery', '公交一车队的密码2024', 'k7#Lq9!vZ2'])('accepts %j', (pw) => {
    expect(passwordProblem(pw, 'dispatch')).toBeNull();
  });
});
