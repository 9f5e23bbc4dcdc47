// The console's line discipline, byte by byte, as a plain serial terminal sends it.
import { describe, expect, it } from 'vitest';
import { LineEditor, type LineEvent } from './line-editor.js';

const bytes = (...parts: (string | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

const lines = (events: LineEvent[]) => events.filter((e) => e.type === 'line').map((e) => (e as { text: string }).text);
const echoed = (events: LineEvent[]) => new TextDecoder().decode(new Uint8Array(events.flatMap((e) => (e.type === 'echo' ? [...e.bytes] : []))));

describe('LineEditor line ends', () => {
  it.each([
    ['CR', [0x0d], ['status']],
    ['LF', [0x0a], ['status']],
    ['CRLF: one line, not two', [0x0d, 0x0a], ['status']],
    ['LFCR: two line ends (the second line empty)', [0x0a, 0x0d], ['status', '']],
  ])('%s', (_name, end, expected) => {
    const ed = new LineEditor();
    expect(lines(ed.feed(bytes('status', end)))).toEqual(expected);
  });

  it('assembles a line from chunks split anywhere, including inside a UTF-8 character and a CRLF', () => {
    const ed = new LineEditor();
    const all = bytes('whitelist find 沪A1', [0x0d, 0x0a], 'help', [0x0d]);
    const out: LineEvent[] = [];
    for (const b of all) out.push(...ed.feed(new Uint8Array([b])));
    expect(lines(out)).toEqual(['whitelist find 沪A1', 'help']);
  });

  it('echoes typed characters and CR LF for the line end', () => {
    const ed = new LineEditor();
    const out = ed.feed(bytes('hi', [0x0d]));
    expect(echoed(out)).toBe('hi\r\n');
    expect(out.filter((e) => e.type === 'echo').map((e) => (e as { endsLine: boolean }).endsLine)).toEqual([false, true]);
  });
});

describe('LineEditor editing', () => {
  it.each([
    ['BS erases the last character', bytes('statuz', [0x08], 's', [0x0d]), 'status', 'statuz\b \bs\r\n'],
    ['DEL erases the last character', bytes('statuz', [0x7f], 's', [0x0d]), 'status', 'statuz\b \bs\r\n'],
    ['erasing past the start does nothing', bytes('a', [0x7f, 0x7f, 0x7f], 'b', [0x0d]), 'b', 'a\b \bb\r\n'],
    ['a CJK character is erased whole, two columns', bytes('沪A', [0x7f, 0x7f], 'x', [0x0d]), 'x', '沪A\b \b\b \b\b \bx\r\n'],
    ['Ctrl-U erases the whole line', bytes('abc', [0x15], 'help', [0x0d]), 'help', 'abc\b \b\b \b\b \bhelp\r\n'],
    ['arrow keys (ESC [ A) are swallowed', bytes('he', [0x1b, 0x5b, 0x41], 'lp', [0x0d]), 'help', 'help\r\n'],
    ['SS3 keys (ESC O P) are swallowed', bytes('he', [0x1b, 0x4f, 0x50], 'lp', [0x0d]), 'help', 'help\r\n'],
    ['a TAB is a space', bytes('log', [0x09], 'tail', [0x0d]), 'log tail', 'log tail\r\n'],
  ])('%s', (_name, input, line, echo) => {
    const ed = new LineEditor();
    const out = ed.feed(input);
    expect(lines(out)).toEqual([line]);
    expect(echoed(out)).toBe(echo);
  });

  it('a lone ESC does not swallow Enter', () => {
    expect(lines(new LineEditor().feed(bytes('help', [0x1b, 0x0d])))).toEqual(['help']);
  });

  it('Ctrl-C drops the partial line and reports an interrupt', () => {
    const ed = new LineEditor();
    const out = ed.feed(bytes('gbt tr', [0x03], 'status', [0x0d]));
    expect(out.map((e) => e.type)).toEqual(['echo', 'echo', 'interrupt', 'echo', 'echo', 'line']);
    expect(lines(out)).toEqual(['status']);
    expect(echoed(out)).toBe('gbt tr^C\r\nstatus\r\n');
  });

  it('masks echo with * per character (not per byte) and shows the mask as pending', () => {
    const ed = new LineEditor();
    ed.setEcho('mask');
    const out = ed.feed(bytes('12沪'));
    expect(echoed(out)).toBe('***');
    expect(ed.pending()).toBe('***');
    expect(lines(ed.feed(bytes([0x0d])))).toEqual(['12沪']);
  });

  it('pending() is the typed text while echo is plain', () => {
    const ed = new LineEditor();
    ed.feed(bytes('meter re'));
    expect(ed.pending()).toBe('meter re');
  });
});

describe('LineEditor rejections', () => {
  it('rejects a line with control bytes, naming them, and does not echo them', () => {
    const ed = new LineEditor();
    const out = ed.feed(bytes('sta', [0x00, 0x01], 'tus', [0x0d]));
    expect(lines(out)).toEqual([]);
    expect(out.at(-1)).toEqual({ type: 'rejected', reason: 'invalid-bytes', message: 'line ignored: 2 control or invalid byte(s) (0x00 0x01)' });
    expect(echoed(out)).toBe('status\r\n');
  });

  it('rejects bytes that are never UTF-8 (0xFF, 0xC0) and truncates the list after four', () => {
    const out = new LineEditor().feed(bytes([0xff, 0xfe, 0xc0, 0xc1, 0xf8, 0x0d]));
    expect(out.at(-1)).toEqual({ type: 'rejected', reason: 'invalid-bytes', message: 'line ignored: 5 control or invalid byte(s) (0xFF 0xFE 0xC0 0xC1 …)' });
  });

  it('rejects a malformed UTF-8 sequence at the end of the line', () => {
    const out = new LineEditor().feed(bytes('ab', [0xe6, 0xb2], 'c', [0x0d]));
    expect(out.at(-1)).toEqual({ type: 'rejected', reason: 'invalid-bytes', message: 'line ignored: not valid UTF-8 text' });
  });

  it('rejects an over-long line once it ends, rings the bell once, and accepts the next line', () => {
    const ed = new LineEditor({ maxLineBytes: 8 });
    const out = ed.feed(bytes('x'.repeat(20), [0x0d], 'help', [0x0d]));
    expect(out.filter((e) => e.type !== 'echo')).toEqual([
      { type: 'rejected', reason: 'too-long', message: 'line too long (more than 8 bytes), ignored' },
      { type: 'line', text: 'help' },
    ]);
    expect(echoed(out)).toBe('xxxxxxxx\x07\r\nhelp\r\n');
  });

  it('keeps rejecting an over-long line across chunks and ignores editing keys inside it', () => {
    const ed = new LineEditor({ maxLineBytes: 4 });
    expect(ed.feed(bytes('abcdef'))).toHaveLength(1);
    expect(ed.feed(bytes([0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f])).filter((e) => e.type !== 'echo')).toEqual([]);
    expect(ed.feed(bytes([0x0d])).at(-1)).toMatchObject({ type: 'rejected', reason: 'too-long' });
  });
});
