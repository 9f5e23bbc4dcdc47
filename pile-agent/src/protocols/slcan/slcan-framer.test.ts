// SLCAN framer (STYLE R2): one line, two lines in one chunk, one line over two chunks, BELL as its
// own token, acks, CR LF, garbage and over-long lines skipped with resync at the next CR.
import { describe, expect, it } from 'vitest';
import { SlcanFramer } from './slcan-framer.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SlcanFramer', () => {
  it('one frame line (§5.3 RTS)', () => {
    const f = new SlcanFramer();
    expect(f.push(bytes('T1CEC56F4810310007FF000200\r'))).toEqual([{ kind: 'line', text: 'T1CEC56F4810310007FF000200' }]);
    expect(f.pendingLength).toBe(0);
  });

  it('two lines in one chunk, in order', () => {
    const f = new SlcanFramer();
    expect(f.push(bytes('T100956F41AA\rZ\r'))).toEqual([
      { kind: 'line', text: 'T100956F41AA' },
      { kind: 'line', text: 'Z' },
    ]);
  });

  it('one line over two chunks (and byte by byte)', () => {
    const f = new SlcanFramer();
    expect(f.push(bytes('T1CEB56F4804'))).toEqual([]);
    expect(f.pendingLength).toBe(12);
    expect(f.push(bytes('0001FF4C5A5954\r'))).toEqual([{ kind: 'line', text: 'T1CEB56F48040001FF4C5A5954' }]);
    const g = new SlcanFramer();
    const out = [...bytes('t0000\r')].flatMap((b) => g.push(Uint8Array.of(b)));
    expect(out).toEqual([{ kind: 'line', text: 't0000' }]);
  });

  it('empty lines are OK replies; BELL is a token of its own, even inside a partial line', () => {
    const f = new SlcanFramer();
    expect(f.push(Uint8Array.of(0x0d, 0x07, 0x0d))).toEqual([{ kind: 'line', text: '' }, { kind: 'bell' }, { kind: 'line', text: '' }]);
    expect(f.push(bytes('T1009'))).toEqual([]);
    expect(f.push(Uint8Array.of(0x07))).toEqual([{ kind: 'bell' }]);
    expect(f.push(bytes('56F41AA\r'))).toEqual([{ kind: 'line', text: 'T100956F41AA' }]);
  });

  it('ignores LF of CR LF endings', () => {
    const f = new SlcanFramer();
    expect(f.push(bytes('z\r\nV1013\r\n'))).toEqual([
      { kind: 'line', text: 'z' },
      { kind: 'line', text: 'V1013' },
    ]);
  });

  it('skips a corrupt (non-ASCII) line without throwing and resyncs at the next CR', () => {
    const f = new SlcanFramer();
    const chunk = Uint8Array.of(0x54, 0xff, 0x00, 0x31, 0x0d, ...bytes('T100956F41AA\r'));
    expect(f.push(chunk)).toEqual([
      { kind: 'garbage', reason: 'non-ascii', length: 4, preview: 'T??1' },
      { kind: 'line', text: 'T100956F41AA' },
    ]);
  });

  it('turns an over-long line into garbage, keeping memory bounded, then resyncs', () => {
    const f = new SlcanFramer(30);
    const long = 'A'.repeat(1000);
    expect(f.push(bytes(long))).toEqual([]);
    expect(f.pendingLength).toBe(1000);
    expect(f.push(bytes('\rt0000\r'))).toEqual([
      { kind: 'garbage', reason: 'too-long', length: 1000, preview: 'A'.repeat(30) },
      { kind: 'line', text: 't0000' },
    ]);
    // the longest valid line (30 chars: extended, 8 bytes, timestamp) still passes
    expect(f.push(bytes('T1CEC56F4810310007FF00020003E8\r'))).toEqual([{ kind: 'line', text: 'T1CEC56F4810310007FF00020003E8' }]);
  });

  it('reset() drops a partial line', () => {
    const f = new SlcanFramer();
    f.push(bytes('T1CEC'));
    f.reset();
    expect(f.push(bytes('O\r'))).toEqual([{ kind: 'line', text: 'O' }]);
  });
});
