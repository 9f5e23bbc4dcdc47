// What a login password must be (NIST SP 800-63B §5.1.1.2: length, and refusing what is commonly
// guessed, no composition rules): 10–200 characters; not the username or a password on a short list of
// the most common ones (case-insensitive, a trailing run of digits or punctuation ignored), nor the
// username with fewer than 6 other characters; at least 5
// distinct characters; not one straight run on the keyboard or the number line ("1234567890",
// "qwertyuiop", "9876543210"). Each refusal says why, so a user can pick a better one. Pure.
// biome-ignore-all format: rows laid out by hand, one table row per line or two

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin', 'administrator', 'root', 'welcome', 'letmein', 'iloveyou', 'changeme',
  'qwerty', 'abc', 'abcdef', 'test', 'guest', 'default', 'secret', 'login', 'master', 'operator', 'pilegate', 'charger', 'charging',
  'bus', 'fleet', 'depot', 'station', 'woaini', 'wodemima', 'mima', 'zhongguo', 'china', 'beijing', 'shanghai', 'gongjiao',
]);

/** Rows read left to right, and the digits: a password that is one contiguous stretch of one is a run. */
const RUNS = ['0123456789', '1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz', '1qaz2wsx3edc4rfv5tgb6yhn7ujm'];

function isRun(pw: string): boolean {
  const p = pw.toLowerCase();
  const rev = [...p].reverse().join('');
  // The row repeated: "1234567890123" and "asdfghjklasdf" are runs too.
  return RUNS.some((r) => {
    const long = r.repeat(Math.ceil(p.length / r.length) + 1);
    return long.includes(p) || long.includes(rev);
  });
}

/** Why `password` may not be used for `username`, or null. */
export function passwordProblem(password: string, username: string): string | null {
  const n = [...password].length;
  if (n < MIN_PASSWORD_LENGTH || n > MAX_PASSWORD_LENGTH) return `password must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (username && [...lower.split(username.toLowerCase()).join('')].length < 6) return 'password is mostly the username: choose another';
  if (COMMON.has(lower.replace(/[\d\W_]+$/u, '')) || COMMON.has(lower)) return 'password is one of the most commonly guessed: choose another';
  if (new Set(password).size < 5) return 'password needs at least 5 different characters';
  if (isRun(password)) return 'password is a run of keys or digits: choose another';
  return null;
}
